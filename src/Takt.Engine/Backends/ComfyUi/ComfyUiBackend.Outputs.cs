using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiBackend
{
    private async Task<Dictionary<string, PortValue>> StoreOutputsAsync(ComfyUiWorkflowTemplate template, ComfyUiHistoryEntry entry, INodeRunContext context, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, PortValue>(StringComparer.Ordinal);
        foreach (var output in template.Outputs)
        {
            var files = entry.Outputs.GetValueOrDefault(output.NodeId) ?? [];
            if (files.Count == 0)
            {
                throw new BackendException($"{template.NodeTypeName}: output node {output.NodeId} saved no file for output '{output.Port.Name}'", transient: false);
            }

            var candidates = files.Select(f => (File: f, MediaType: ComfyUiMediaTypes.Of(f))).ToList();
            var fitting = candidates.Where(c => c.MediaType is { } m && ComfyUiMediaTypes.Fits(output.Port.Type, m, c.File.Animated)).ToList();
            if (fitting.Count == 0)
            {
                var saved = string.Join(", ", candidates.Select(c => $"{c.File.FileName} ({c.MediaType ?? "unknown type"}{(c.File.Animated ? ", animated" : "")})"));
                throw new BackendException($"{template.NodeTypeName}: output node {output.NodeId} saved {saved}, none of which is a {output.Port.Type.ToString().ToLowerInvariant()} for output '{output.Port.Name}'", transient: false);
            }

            if (fitting.Count > 1)
            {
                context.Log($"ComfyUI node {output.NodeId} saved {Count(fitting.Count, "file")}; output '{output.Port.Name}' takes the first, {fitting[0].File.FileName}");
            }

            var (file, mediaType) = fitting[0];
            await using var content = await Client.DownloadAsync(file, cancellationToken);
            values[output.Port.Name] = await context.StoreAsync(output.Port.Type, mediaType!, content, cancellationToken);
        }

        return values;
    }
}
