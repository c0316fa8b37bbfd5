using System.Text.Json;
using Takt.Engine.Backends;

namespace Takt.Engine.Tests.Backends.HostedVideo;

/// <summary>Everything a credential could leak into: exception text (with inner exceptions), logs, results and provenance, the backend's ToString.</summary>
public static class SecretScan
{
    public static void AssertAbsent(IEnumerable<string> secrets, INodeBackend backend, BlobRunContext context, IEnumerable<Exception> errors, IEnumerable<NodeResult> results)
    {
        var texts = new List<string> { backend.ToString()!, backend.Name, backend.Kind };
        texts.AddRange(context.Logs);
        foreach (var error in errors)
        {
            texts.Add(error.ToString());
            for (Exception? e = error; e is not null; e = e.InnerException)
            {
                texts.Add(e.Message);
            }
        }

        texts.AddRange(results.Select(r => JsonSerializer.Serialize(r)));
        Assert.NotEmpty(texts);
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}
