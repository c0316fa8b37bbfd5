namespace Takt.Archive.Assets;

/// <summary>A tenant's archive at a glance: what is there, who made it, and what consent allows today.</summary>
public sealed record ArchiveSummary(
    string Tenant,
    string Name,
    int Assets,
    IReadOnlyDictionary<string, int> AssetsByLayerKind,
    IReadOnlyList<string> Contributors,
    IReadOnlyDictionary<string, PurposeTally> DecisionsByPurpose);

/// <summary>How many assets a purpose is allowed for, denied for, and the most common reasons for denial.</summary>
public sealed record PurposeTally(int Allowed, int Denied, IReadOnlyDictionary<string, int> DenialReasons);
