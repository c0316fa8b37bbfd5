namespace Takt.Archive.Assets;

/// <summary>One line of an asset listing.</summary>
public sealed record AssetSummary(
    Guid Id,
    string Tenant,
    string Project,
    string? Scene,
    string? Cut,
    string LayerKind,
    string Name,
    string MediaType,
    int? Width,
    int? Height,
    int? BitDepth,
    string Sha256,
    Guid? ContainerId);
