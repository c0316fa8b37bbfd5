namespace Takt.Engine.Runs;

/// <summary>Something that happened in a run, streamed live; the kinds marked persisted are also kept for <c>takt runs logs</c>.</summary>
/// <param name="Kind">run-started, run-finished, node-started, node-finished, node-cached, node-retrying, node-failed, progress, preview, log.</param>
public sealed record RunEvent(Guid RunId, string? NodeId, string Kind, string Message, DateTimeOffset At, double? Value = null, double? Max = null, ReadOnlyMemory<byte> Preview = default)
{
    public bool Persisted => Kind is not ("progress" or "preview");
}
