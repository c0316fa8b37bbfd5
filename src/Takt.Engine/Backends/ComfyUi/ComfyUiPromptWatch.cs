using System.Globalization;
using System.Text.Json;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// Follows one prompt to its end. The WebSocket gives progress, previews and the completion sentinel
/// (<c>executing {node: null}</c>, sent after ComfyUI wrote the history entry); <c>/history</c> is the
/// authority on the result. When the socket is silent for the stall timeout or drops, the watch asks
/// <c>/history</c>, so a stalled socket (ComfyUI #15240) cannot hang a run that already finished.
/// </summary>
internal sealed class ComfyUiPromptWatch(ComfyUiClient client, string promptId, INodeRunContext context, ComfyUiBackendOptions options, TimeProvider time)
{
    private const string Route = "WebSocket";

    public IReadOnlyList<string> CachedNodes { get; private set; } = [];

    public async Task<ComfyUiHistoryEntry> WaitAsync(ComfyUiSocket? socket, CancellationToken cancellationToken)
    {
        var listening = socket is not null;
        var stallLogged = false;
        while (true)
        {
            if (listening)
            {
                using var stall = new CancellationTokenSource(options.StallTimeout, time);
                using var slice = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
                try
                {
                    if (await socket!.Messages.WaitToReadAsync(slice.Token))
                    {
                        var finished = false;
                        while (socket.Messages.TryRead(out var message))
                        {
                            finished |= Handle(message);
                        }

                        // Finished: the history entry exists now; fall through to read it.
                        listening = !finished;
                        if (listening)
                        {
                            continue;
                        }
                    }
                    else
                    {
                        listening = false;
                        context.Log($"ComfyUI: {socket.CloseReason}; following prompt {promptId} through /history");
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (!stallLogged)
                    {
                        context.Log(string.Create(CultureInfo.InvariantCulture, $"ComfyUI sent no event for {options.StallTimeout.TotalSeconds:0.#} s; checking /history for prompt {promptId}"));
                        stallLogged = true;
                    }
                }
            }

            if (await client.GetHistoryAsync(promptId, cancellationToken) is { } entry)
            {
                return entry;
            }

            if (!await client.IsQueuedAsync(promptId, cancellationToken))
            {
                // It may have finished between the two calls; if not, the server forgot it (a restart loses ComfyUI's queue).
                return await client.GetHistoryAsync(promptId, cancellationToken)
                       ?? throw new BackendException($"ComfyUI no longer knows prompt {promptId}: it is neither queued nor in /history (was the server restarted?)", transient: true);
            }

            if (!listening)
            {
                await Task.Delay(options.PollInterval, time, cancellationToken);
            }
        }
    }

    /// <summary>Acts on one message; true when it is the completion sentinel of our prompt.</summary>
    private bool Handle(ComfyUiMessage message)
    {
        switch (message)
        {
            case ComfyUiEvent e when e.PromptId is { } id && !string.Equals(id, promptId, StringComparison.Ordinal):
                return false;
            case ComfyUiEvent e:
                return HandleEvent(e);
            case ComfyUiPreviewFrame preview when preview.PromptId is null || string.Equals(preview.PromptId, promptId, StringComparison.Ordinal):
                context.Preview(preview.Image, preview.MediaType);
                return false;
            case ComfyUiTextFrame text:
                context.Log($"ComfyUI node {text.NodeId}: {ComfyUiJson.Excerpt(text.Text)}");
                return false;
            case ComfyUiUnreadableFrame unreadable:
                context.Log($"ComfyUI sent {unreadable.Reason}; ignored");
                return false;
            default:
                return false;
        }
    }

    private bool HandleEvent(ComfyUiEvent e)
    {
        try
        {
            switch (e.Type)
            {
                case "executing":
                    var node = ComfyUiJson.NodeId(ComfyUiJson.Optional(e.Data, "node"), "executing.node", Route);
                    return node is null && e.PromptId is not null;
                case "execution_cached":
                    CachedNodes = ComfyUiJson.Array(ComfyUiJson.Required(e.Data, "nodes", "execution_cached.nodes", Route), "execution_cached.nodes", Route)
                        .EnumerateArray().Select(n => ComfyUiJson.NodeId(n, "execution_cached.nodes[]", Route)!).ToList();
                    if (CachedNodes.Count > 0)
                    {
                        context.Log(string.Create(CultureInfo.InvariantCulture, $"ComfyUI reused {CachedNodes.Count} cached node results"));
                    }

                    return false;
                case "progress":
                    context.Progress(
                        ComfyUiJson.Number(ComfyUiJson.Required(e.Data, "value", "progress.value", Route), "progress.value", Route),
                        ComfyUiJson.Number(ComfyUiJson.Required(e.Data, "max", "progress.max", Route), "progress.max", Route));
                    return false;
                case "execution_error":
                    throw new BackendException(DescribeError(e.Data, Route), transient: false);
                case "execution_interrupted":
                    throw new BackendException(DescribeInterrupt(e.Data, Route), transient: false);
                default:
                    // status, execution_start, progress_state, executed, execution_success: the history entry has what matters.
                    return false;
            }
        }
        catch (BackendException problem) when (e.Type is not ("execution_error" or "execution_interrupted"))
        {
            // Progress is best-effort: a malformed event is reported, the run goes on.
            context.Log(problem.Message);
            return false;
        }
    }

    /// <summary>ComfyUI's own words for a node failure: the node, its class, <c>exception_type: exception_message</c>.</summary>
    public static string DescribeError(JsonElement data, string route)
    {
        var node = ComfyUiJson.NodeId(ComfyUiJson.Optional(data, "node_id"), "execution_error.node_id", route) ?? "?";
        var type = ComfyUiJson.OptionalString(data, "node_type", "execution_error.node_type", route) ?? "?";
        var exceptionType = ComfyUiJson.OptionalString(data, "exception_type", "execution_error.exception_type", route) ?? "Exception";
        var exceptionMessage = ComfyUiJson.OptionalString(data, "exception_message", "execution_error.exception_message", route) ?? "(no message)";
        return $"ComfyUI node {node} ({type}) failed: {exceptionType}: {ComfyUiJson.Excerpt(exceptionMessage.Trim(), 2000)}";
    }

    public static string DescribeInterrupt(JsonElement data, string route)
    {
        var node = ComfyUiJson.NodeId(ComfyUiJson.Optional(data, "node_id"), "execution_interrupted.node_id", route) ?? "?";
        var type = ComfyUiJson.OptionalString(data, "node_type", "execution_interrupted.node_type", route) ?? "?";
        return $"ComfyUI interrupted the prompt at node {node} ({type}); someone stopped it on the server";
    }
}
