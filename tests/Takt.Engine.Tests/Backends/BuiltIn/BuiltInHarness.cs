using System.Text.Json;
using NetVips;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.BuiltIn;
using Takt.TestKit.Databases;
using Takt.TestKit.Engine;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Backends.BuiltIn;

/// <summary>
/// A built-in backend over a temp workspace: a real blob store behind the run context, and a
/// database (migrated only when the test needs the archive).
/// </summary>
internal sealed class BuiltInHarness : IAsyncDisposable
{
    private readonly TempFolder _workspace = new("takt-builtin");
    private readonly bool _ownsDatabase;

    /// <param name="database">A shared database (the caller disposes it); a fresh unmigrated one by default.</param>
    public BuiltInHarness(ITestDatabase? database = null, string? tenant = null, LocalBlobStore? blobs = null)
    {
        _ownsDatabase = database is null;
        Database = database ?? new SqliteDatabase();
        Blobs = blobs ?? new LocalBlobStore(Path.Combine(_workspace.Path, "blobs"));
        Context = new TestRunContext(Blobs);
        Backend = new BuiltInBackend(Database.Contexts, TimeProvider.System, _workspace.Path, tenant, capacity: 2);
    }

    public ITestDatabase Database { get; }

    public LocalBlobStore Blobs { get; }

    public TestRunContext Context { get; }

    public BuiltInBackend Backend { get; }

    public string WorkspaceRoot => _workspace.Path;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<NodeResult> RunAsync(NodeType type, object? parameters = null, IReadOnlyDictionary<string, PortValue>? inputs = null, CancellationToken? cancellationToken = null) =>
        Backend.ExecuteAsync(Invocation(type, parameters, inputs), Context, cancellationToken ?? Ct);

    public async Task<PortValue> RunOneAsync(NodeType type, object? parameters = null, IReadOnlyDictionary<string, PortValue>? inputs = null) =>
        (await RunAsync(type, parameters, inputs)).Outputs.Single().Value;

    /// <summary>The node's permanent failure; fails the test if it succeeded or failed otherwise.</summary>
    public async Task<BackendException> FailAsync(NodeType type, object? parameters = null, IReadOnlyDictionary<string, PortValue>? inputs = null)
    {
        var error = await Assert.ThrowsAsync<BackendException>(() => RunAsync(type, parameters, inputs));
        Assert.False(error.Transient, error.Message);
        return error;
    }

    public static NodeInvocation Invocation(NodeType type, object? parameters, IReadOnlyDictionary<string, PortValue>? inputs) =>
        new(Guid.CreateVersion7(), "n1", type, Parameters(parameters), inputs ?? new Dictionary<string, PortValue>(), Attempt: 1);

    public Task<PortValue> PutPngAsync(Image image) => Context.PutAsync(PortType.Image, "image/png", image.PngsaveBuffer(), Ct);

    public async Task<Image> ReadImageAsync(PortValue value) => Image.NewFromBuffer(await Context.ReadAsync(value, Ct));

    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        _workspace.Dispose();
    }

    private static Dictionary<string, JsonElement> Parameters(object? parameters) =>
        parameters is null
            ? []
            : JsonSerializer.SerializeToElement(parameters).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
}
