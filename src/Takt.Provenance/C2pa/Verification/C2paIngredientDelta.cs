namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// c2pa-rs <c>ingredientDeltas</c>: what validating an ingredient's manifest found that the
/// ingredient assertion had not already recorded, keyed by the ingredient assertion's URI.
/// </summary>
public sealed record C2paIngredientDelta(
    string IngredientAssertionUri,
    IReadOnlyList<ValidationStatus> Success,
    IReadOnlyList<ValidationStatus> Informational,
    IReadOnlyList<ValidationStatus> Failure);
