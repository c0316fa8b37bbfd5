using Takt.Archive.Media;

namespace Takt.Archive.Ingest;

public sealed record IngestOptions
{
    public string? Tenant { get; init; }

    public string? Project { get; init; }

    public ImageProbeOptions Images { get; init; } = new();

    /// <summary>Files decoded at once; defaults to one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Files recorded per transaction: large enough to amortise commits, small enough to keep memory flat.</summary>
    public int BatchSize { get; init; } = 64;
}
