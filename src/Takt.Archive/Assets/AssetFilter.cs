namespace Takt.Archive.Assets;

public sealed record AssetFilter
{
    public string? Tenant { get; init; }

    public string? Project { get; init; }

    public string? Scene { get; init; }

    public string? Cut { get; init; }

    public string? LayerKind { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
