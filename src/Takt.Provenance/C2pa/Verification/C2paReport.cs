namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// The result of verifying an asset's C2PA manifest store, shaped like c2pa-rs's reader output:
/// the state, the active manifest, a summary per manifest, the active manifest's statuses and
/// the ingredient deltas.
/// </summary>
public sealed record C2paReport
{
    public required C2paValidationState State { get; init; }

    public string? ActiveManifest { get; init; }

    public IReadOnlyList<C2paManifestSummary> Manifests { get; init; } = [];

    public IReadOnlyList<ValidationStatus> Success { get; init; } = [];

    public IReadOnlyList<ValidationStatus> Informational { get; init; } = [];

    public IReadOnlyList<ValidationStatus> Failure { get; init; } = [];

    public IReadOnlyList<C2paIngredientDelta> IngredientDeltas { get; init; } = [];

    public bool Has(string code) => Success.Concat(Informational).Concat(Failure).Any(s => s.Code == code);
}
