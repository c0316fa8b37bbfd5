namespace Takt.Provenance.C2pa.Manifests;

/// <summary>
/// What one signed output says about itself: how it was made (<paramref name="Actions"/>), from
/// what (<paramref name="Ingredients"/>), whether it may be used for training
/// (<paramref name="TrainingMining"/>, CAWG keys → allowed/notAllowed/constrained), and Takt's own
/// record (<paramref name="Lineage"/>) tying the file to its lineage node and attribution snapshot.
/// </summary>
public sealed record ManifestDefinition(
    string Title,
    IReadOnlyList<ManifestAction> Actions,
    IReadOnlyList<IngredientDefinition> Ingredients,
    IReadOnlyDictionary<string, string>? TrainingMining = null,
    LineageStamp? Lineage = null)
{
    public static ManifestDefinition Created(string title, string digitalSourceType) =>
        new(title, [new ManifestAction(C2paActions.Created, digitalSourceType, [])], []);
}
