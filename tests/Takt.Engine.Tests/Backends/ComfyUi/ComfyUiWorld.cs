using System.Globalization;
using System.Text.Json;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.ComfyUi;
using Takt.TestKit.ComfyUi;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Backends.ComfyUi;

/// <summary>A fake ComfyUI on loopback, a template folder, a real blob store and the backend built from a BackendConfig.</summary>
internal sealed class ComfyUiWorld : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private ComfyUiWorld(TempFolder folder, FakeComfyUiServer server, ComfyUiBackend backend, HttpClient http)
    {
        _folder = folder;
        Server = server;
        Backend = backend;
        Http = http;
        Blobs = new LocalBlobStore(Path.Combine(folder.Path, "blobs"));
        Context = new RecordingRunContext(Blobs);
    }

    public FakeComfyUiServer Server { get; }

    public ComfyUiBackend Backend { get; }

    public HttpClient Http { get; }

    public LocalBlobStore Blobs { get; }

    public RecordingRunContext Context { get; }

    public static Task<ComfyUiWorld> StartAsync(CancellationToken cancellationToken) => StartAsync(null, 20, cancellationToken);

    public static async Task<ComfyUiWorld> StartAsync(IReadOnlyList<string>? templates, double stallSeconds, CancellationToken cancellationToken)
    {
        var folder = new TempFolder("takt-comfyui");
        var server = await FakeComfyUiServer.StartAsync(Directory.CreateDirectory(Path.Combine(folder.Path, "server")).FullName, cancellationToken);
        var templateFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "templates")).FullName;
        var index = 0;
        foreach (var template in templates ?? [ComfyUiTemplates.Portrait, ComfyUiTemplates.Restyle])
        {
            await File.WriteAllTextAsync(Path.Combine(templateFolder, $"t{index++}.json"), template, cancellationToken);
        }

        var http = new HttpClient();
        var config = new BackendConfig(
            "comfy-test",
            "comfyui",
            server.Endpoint,
            Capacity: 1,
            new Dictionary<string, string>
            {
                ["templates"] = templateFolder,
                ["stallTimeoutSeconds"] = stallSeconds.ToString(CultureInfo.InvariantCulture),
                ["pollIntervalSeconds"] = "0.05",
            });
        return new ComfyUiWorld(folder, server, ComfyUiBackend.Create(config, http, TimeProvider.System), http);
    }

    public NodeInvocation Invocation(string type, object? parameters = null, IReadOnlyDictionary<string, PortValue>? inputs = null)
    {
        var nodeType = Backend.NodeTypes.Single(t => t.Name == type);
        var values = parameters is null
            ? new Dictionary<string, JsonElement>()
            : JsonSerializer.SerializeToElement(parameters).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return new NodeInvocation(Guid.NewGuid(), "node-1", nodeType, values, inputs ?? new Dictionary<string, PortValue>(), Attempt: 1);
    }

    /// <summary>How many blobs the store holds: what a failed run must leave at zero.</summary>
    public int BlobCount() => Directory.EnumerateFiles(Path.Combine(Blobs.Root, "sha256"), "*", SearchOption.AllDirectories).Count();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
