namespace Takt.Provenance.C2pa.Manifests;

/// <summary>
/// An ingredient (C2PA §18.15, <c>c2pa.ingredient.v3</c>): a model, LoRA, dataset or prompt that
/// was <c>inputTo</c> the generation, placed reference art (<c>componentOf</c>), or the edited
/// source (<c>parentOf</c>). <paramref name="ManifestStore"/> is the ingredient's own C2PA store
/// when it has one; its manifests are copied into the output's store so the chain can be checked.
/// <paramref name="DataTypes"/> names what kind of input it was (<c>c2pa.types.model</c>…).
/// </summary>
public sealed record IngredientDefinition(
    string Title,
    string Relationship,
    string? Format = null,
    string? InstanceId = null,
    IReadOnlyList<string>? DataTypes = null,
    string? Description = null,
    byte[]? ManifestStore = null)
{
    public const string InputTo = "inputTo";
    public const string ComponentOf = "componentOf";
    public const string ParentOf = "parentOf";
}
