using System.Reflection;
using NetVips;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Persistence;
using Takt.Provenance.C2pa.Outputs;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// The nodes Takt runs itself: archive assets in, files out, image operations with libvips, video
/// with ffmpeg, constants, curves, and the engine's test nodes. Every node is deterministic (the
/// same inputs give the same bytes), reads inputs through <see cref="INodeRunContext.OpenAsync"/> and
/// stores outputs through <see cref="INodeRunContext.StoreAsync"/>.
/// </summary>
public sealed partial class BuiltInBackend : INodeBackend
{
    public const string BackendName = "builtin";

    public bool RunsInProcess => true;

    // An unconnected takt.noop passes on JSON null.
    private static readonly PortValue NullJson = InlineValues.FromCanonical(PortType.Json, "null"u8.ToArray());

    private static readonly IReadOnlySet<string> Capability = new HashSet<string>(StringComparer.Ordinal) { BuiltInNodeTypes.Capability };

    private readonly TaktContextFactory _contexts;
    private readonly TimeProvider _time;
    private readonly string _workspaceRoot;
    private readonly string? _tenant;
    private readonly string _ffmpeg;
    private readonly string _ffprobe;
    private readonly OutputSigner? _signer;

    /// <param name="contexts">The archive database, for <c>takt.load-*</c>.</param>
    /// <param name="workspaceRoot">The workspace folder; <c>takt.export</c> writes under its <c>outputs/</c>.</param>
    /// <param name="tenant">
    /// The tenant slug runs on this backend act for: assets are looked up within it and consent is
    /// decided for it. Null is the operator's view on a local workspace: any tenant's asset, with
    /// consent decided for the asset's own tenant.
    /// </param>
    /// <param name="capacity">Nodes at once; the processor count by default.</param>
    /// <param name="signer">Signs what <c>takt.export</c> writes with a C2PA manifest from the lineage graph; null writes files as they are.</param>
    public BuiltInBackend(
        TaktContextFactory contexts, TimeProvider time, string workspaceRoot, string? tenant = null, int? capacity = null,
        string ffmpeg = "ffmpeg", string ffprobe = "ffprobe", OutputSigner? signer = null)
    {
        _signer = signer;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity ?? 1, 1, nameof(capacity));
        _contexts = contexts;
        _time = time;
        _workspaceRoot = Path.GetFullPath(workspaceRoot);
        _tenant = tenant;
        _ffmpeg = ffmpeg;
        _ffprobe = ffprobe;
        Capacity = capacity ?? Environment.ProcessorCount;
        Kind = $"takt {Version}";
    }

    /// <summary>The assembly's informational version: what lineage records as the backend of every built-in node.</summary>
    public static string Version { get; } =
        typeof(BuiltInBackend).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BuiltInBackend).Assembly.GetName().Version?.ToString() ?? "0";

    public string Name => BackendName;

    public string Kind { get; }

    public int Capacity { get; }

    public IReadOnlySet<string> Capabilities => Capability;

    public IReadOnlyList<NodeType> NodeTypes => BuiltInNodeTypes.All;

    public async Task<NodeResult> ExecuteAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        var type = BuiltInNodeTypes.All.FirstOrDefault(t => string.Equals(t.Name, invocation.Type.Name, StringComparison.Ordinal))
            ?? throw new BackendException($"the built-in backend has no node type {invocation.Type.Name}", transient: false);
        if (type.Version != invocation.Type.Version)
        {
            throw new BackendException($"{invocation.Type.Key} is not known here; this takt has {type.Key}", transient: false);
        }

        var node = new NodeRun(type, invocation, context, new NodeParameters(type, invocation.Parameters));
        try
        {
            var outputs = await RunAsync(node, cancellationToken);
            return new NodeResult(outputs, new NodeProvenance(Kind, SeedSupport.Deterministic));
        }
        catch (VipsException e)
        {
            throw node.Fail($"libvips could not process the image: {FirstCause(e.Message)}", e);
        }
        catch (BlobNotFoundException e)
        {
            throw node.Fail($"an input's content is missing from the blob store ({e.Message})", e);
        }
        catch (BlobCorruptedException e)
        {
            throw node.Fail($"an input's content is corrupt in the blob store ({e.Message})", e);
        }
    }

    private Task<IReadOnlyDictionary<string, PortValue>> RunAsync(NodeRun node, CancellationToken cancellationToken) => node.Type.Name switch
    {
        "takt.load-asset" or "takt.load-video" or "takt.load-audio" => LoadAsync(node, cancellationToken),
        "takt.export" => ExportAsync(node, cancellationToken),
        "takt.resize" => ResizeAsync(node, cancellationToken),
        "takt.crop" => CropAsync(node, cancellationToken),
        "takt.pan" => PanAsync(node, cancellationToken),
        "takt.composite" => CompositeAsync(node, cancellationToken),
        "takt.frame" => FrameAsync(node, cancellationToken),
        "takt.interpolate" => InterpolateAsync(node, cancellationToken),
        "takt.text" => One("text", InlineValues.Text(node.Parameters.Text("text"))),
        "takt.number" => One("number", InlineValues.Number(node.Parameters.Number("value"))),
        "takt.curve" => One("curve", CurveValues.Make(node)),
        "takt.curve-sample" => One("value", CurveValues.Sample(node)),
        "takt.frames-to-video" => FramesToVideoAsync(node, cancellationToken),
        "takt.video-to-frames" => VideoToFramesAsync(node, cancellationToken),
        "takt.noop" => One("json", node.Invocation.Inputs.TryGetValue("json", out var json) ? json : NullJson),
        "takt.wait" => WaitAsync(node, cancellationToken),
        _ => throw new InvalidOperationException($"{node.Type.Name} is declared but has no implementation"),
    };

    private static Task<IReadOnlyDictionary<string, PortValue>> One(string port, PortValue value) =>
        Task.FromResult<IReadOnlyDictionary<string, PortValue>>(new Dictionary<string, PortValue>(StringComparer.Ordinal) { [port] = value });

    /// <summary>libvips' first line only names the failed call; the next says what was wrong.</summary>
    private static string FirstCause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = lines.Length > 1 ? lines[1] : lines.FirstOrDefault() ?? "no reason given";
        return line.Length > 300 ? line[..300] : line;
    }
}
