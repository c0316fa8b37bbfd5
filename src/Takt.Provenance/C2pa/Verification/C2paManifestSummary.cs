using System.Text.Json.Nodes;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// What one manifest says, read from its claim and assertions. <see cref="TrainingMining"/> maps
/// each <c>cawg.training-mining</c> / <c>c2pa.training-mining</c> entry to its <c>use</c>;
/// <see cref="Lineage"/> is Takt's own <c>org.takt.lineage</c> assertion as JSON.
/// </summary>
public sealed record C2paManifestSummary
{
    public required string Label { get; init; }

    public int? ClaimVersion { get; init; }

    public string? Title { get; init; }

    public string? Format { get; init; }

    public string? InstanceId { get; init; }

    public string? ClaimGeneratorName { get; init; }

    public string? ClaimGeneratorVersion { get; init; }

    public C2paSignatureInfo? Signature { get; init; }

    public IReadOnlyList<string> AssertionLabels { get; init; } = [];

    public IReadOnlyList<C2paIngredientSummary> Ingredients { get; init; } = [];

    public IReadOnlyDictionary<string, string>? TrainingMining { get; init; }

    public JsonNode? Lineage { get; init; }
}
