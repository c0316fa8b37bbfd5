using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Takt.TestKit.ComfyUi;

/// <summary>
/// A local ComfyUI that speaks the real protocol (0.3.x, per its server.py and execution.py): the
/// same routes (also under <c>/api</c>), one worker over a priority queue, history written only when
/// a prompt is done, the WebSocket message sequence with ComfyUI's client/broadcast scoping, input
/// signature caching, and real PNG outputs. Execution is pretend: "sampling" takes a few steps and
/// the saved image's pixels follow from the prompt (at 1/8 of the latent size, to stay small).
/// </summary>
public sealed partial class FakeComfyUiServer : IAsyncDisposable
{
    public const string Version = "0.3.64";
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<QueuedPrompt> _pending = [];
    private readonly Dictionary<string, JsonObject> _history = new(StringComparer.Ordinal);
    private readonly List<string> _historyOrder = [];
    private readonly Dictionary<string, JsonNode?> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _executions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _interrupts = new();
    private readonly SemaphoreSlim _wake = new(0);
    private QueuedPrompt? _running;
    private string? _runningNode;
    private double _counter;
    private int _fileCounter;
    private volatile bool _interruptRequested;
    private Task _worker = Task.CompletedTask;

    private FakeComfyUiServer(WebApplication app, string root)
    {
        _app = app;
        Root = root;
        InputFolder = Directory.CreateDirectory(Path.Combine(root, "input")).FullName;
        OutputFolder = Directory.CreateDirectory(Path.Combine(root, "output")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "temp"));
    }

    public string Root { get; }

    public string InputFolder { get; }

    public string OutputFolder { get; }

    public Uri Endpoint { get; private set; } = null!;

    public FakeComfyUiChaos Chaos { get; } = new();

    /// <summary>Completes when a <see cref="FakeComfyUiChaos.HangNode"/> starts hanging.</summary>
    public TaskCompletionSource HangReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The prompt ids of <c>POST /interrupt</c> requests, "" for a global interrupt.</summary>
    public IReadOnlyList<string> InterruptRequests => [.. _interrupts];

    /// <summary>How many times nodes of a class really ran (cached runs do not count).</summary>
    public int Executions(string classType) => _executions.GetValueOrDefault(classType);

    /// <summary>The stored history entry of a prompt, or null while it runs or after it was deleted.</summary>
    public JsonObject? History(string promptId)
    {
        lock (_gate)
        {
            return _history.TryGetValue(promptId, out var entry) ? (JsonObject)entry.DeepClone() : null;
        }
    }

    /// <summary>Starts the server on 127.0.0.1 at a free port, keeping its input, output and temp folders under <paramref name="root"/>.</summary>
    public static async Task<FakeComfyUiServer> StartAsync(string root, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeComfyUiServer(app, root);
        app.UseWebSockets();
        app.Use(FailureAsync);
        app.Use(server.MalformedAsync);

        // ComfyUI serves every route twice: as is and under /api (server.py add_routes).
        server.MapRoutes(app);
        server.MapRoutes(app.MapGroup("/api"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        server._worker = Task.Run(() => server.WorkAsync(server._stop.Token), CancellationToken.None);
        return server;
    }

    /// <summary>A fault in the fake answers 500 with its message, as aiohttp does, so a failing test shows why.</summary>
    private static async Task FailureAsync(Microsoft.AspNetCore.Http.HttpContext context, Microsoft.AspNetCore.Http.RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            context.Response.StatusCode = 500;
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, $"500 Internal Server Error\n\n{e}", context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        AbortSockets();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException)
        {
            // The worker stops on cancellation by design.
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stop.Dispose();
        _wake.Dispose();
    }

    private int QueueRemaining
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count + (_running is null ? 0 : 1);
            }
        }
    }

    private static long Timestamp => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record QueuedPrompt(double Number, string PromptId, JsonObject Prompt, JsonObject ExtraData, List<string> Outputs, string? ClientId)
    {
        public JsonArray ToQueueItem() => new(Number, PromptId, Prompt.DeepClone(), ExtraData.DeepClone(), new JsonArray(Outputs.Select(o => (JsonNode?)o).ToArray()));
    }
}
