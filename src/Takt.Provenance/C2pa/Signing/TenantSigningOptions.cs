namespace Takt.Provenance.C2pa.Signing;

/// <summary>A tenant's own signing choices; an unset field falls back to the workspace's.</summary>
public sealed record TenantSigningOptions
{
    public bool? Enabled { get; init; }

    public Dictionary<string, string>? TrainingMining { get; init; }
}
