namespace Takt.Persistence.Runs;

/// <summary>A persisted run event (log line, node started/finished/retried, run finished) for <c>takt runs logs</c>. Progress ticks and previews stay live-only.</summary>
public sealed class RunEventRow
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public string? NodeId { get; set; }

    public required string Kind { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset At { get; set; }
}
