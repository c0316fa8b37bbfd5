namespace Takt.Provenance.C2pa.Verification;

/// <summary>One ingredient as its assertion describes it; <paramref name="ManifestLabel"/> names the ingredient's own manifest in the store, if it has one.</summary>
public sealed record C2paIngredientSummary(string AssertionLabel, string? Title, string? Format, string? Relationship, string? ManifestLabel, string? Description = null);
