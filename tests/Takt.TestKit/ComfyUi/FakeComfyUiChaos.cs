using System.Collections.Concurrent;

namespace Takt.TestKit.ComfyUi;

/// <summary>
/// Failure modes of real ComfyUI servers, switched on per test, so clients are tested against
/// what the issue tracker documents rather than only the happy path.
/// </summary>
public sealed class FakeComfyUiChaos
{
    /// <summary>This node raises an exception when it runs: <c>execution_error</c> with <see cref="FailExceptionType"/>: <see cref="FailMessage"/>.</summary>
    public string? FailNode { get; set; }

    public string FailExceptionType { get; set; } = "RuntimeError";

    public string FailMessage { get; set; } = "CUDA error: an illegal memory access was encountered";

    /// <summary>This node never finishes until interrupted (a stuck custom node, a huge video decode).</summary>
    public string? HangNode { get; set; }

    /// <summary>At this sampler step the server aborts every WebSocket; the prompt runs on.</summary>
    public int? DropSocketsAtStep { get; set; }

    /// <summary>No WebSocket event is delivered while prompts still execute and succeed (ComfyUI #15240).</summary>
    public bool StallEvents { get; set; }

    /// <summary>How long after <c>execution_success</c> the history entry is written (it is written only at task_done).</summary>
    public TimeSpan HistoryDelay { get; set; }

    /// <summary>Each <c>/view</c> body announces its full length, sends half and drops the connection.</summary>
    public bool TruncateViews { get; set; }

    /// <summary>
    /// Routes answered with a fixed body instead, keyed by a prefix of "METHOD /path" without the
    /// /api prefix (e.g. <c>GET /history/</c>). <c>{id}</c> in the body becomes the path's last segment.
    /// </summary>
    public ConcurrentDictionary<string, string> MalformedResponses { get; } = new(StringComparer.Ordinal);
}
