namespace Takt.Persistence.Datasets;

/// <summary>A derived output remembered by its derivation key, so rebuilds reuse it instead of re-deriving.</summary>
public sealed class DatasetDerivationRow
{
    public required string Key { get; set; }

    public required string OutputSha256 { get; set; }

    public long Bytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
