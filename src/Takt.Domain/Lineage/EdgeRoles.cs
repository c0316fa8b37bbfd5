using Takt.Domain.Rights;

namespace Takt.Domain.Lineage;

public static class EdgeRoles
{
    public static string Name(EdgeRole role) => role switch
    {
        EdgeRole.RightsHolder => "rights-holder",
        EdgeRole.Sample => "sample",
        EdgeRole.TrainingData => "training-data",
        EdgeRole.InitialModel => "initial-model",
        EdgeRole.TrainedBy => "trained-by",
        EdgeRole.MergeInput => "merge-input",
        EdgeRole.MergeSubtracted => "merge-subtracted",
        EdgeRole.BaseModel => "base-model",
        EdgeRole.Lora => "lora",
        EdgeRole.Reference => "reference",
        EdgeRole.Input => "input",
        EdgeRole.Editor => "editor",
        EdgeRole.Edited => "edited",
        EdgeRole.Cut => "cut",
        EdgeRole.Part => "part",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? text, out EdgeRole role) => EnumNames.TryParse(text, Name, out role);

    /// <summary>The child kind a role belongs to, and the parent kinds it may point at.</summary>
    public static (LineageNodeKind Child, IReadOnlyList<LineageNodeKind> Parents) Shape(EdgeRole role) => role switch
    {
        EdgeRole.RightsHolder => (LineageNodeKind.Asset, [LineageNodeKind.Contributor]),
        EdgeRole.Sample => (LineageNodeKind.Dataset, [LineageNodeKind.Asset]),
        EdgeRole.TrainingData => (LineageNodeKind.TrainingRun, [LineageNodeKind.Dataset]),
        EdgeRole.InitialModel => (LineageNodeKind.TrainingRun, [LineageNodeKind.Model]),
        EdgeRole.TrainedBy => (LineageNodeKind.Model, [LineageNodeKind.TrainingRun]),
        EdgeRole.MergeInput or EdgeRole.MergeSubtracted => (LineageNodeKind.Model, [LineageNodeKind.Model]),
        EdgeRole.BaseModel or EdgeRole.Lora => (LineageNodeKind.Generation, [LineageNodeKind.Model]),
        EdgeRole.Reference or EdgeRole.Input => (LineageNodeKind.Generation, Material),
        EdgeRole.Editor => (LineageNodeKind.Edit, [LineageNodeKind.Contributor]),
        EdgeRole.Edited => (LineageNodeKind.Edit, Material),
        EdgeRole.Cut => (LineageNodeKind.Render, Material),
        EdgeRole.Part => (LineageNodeKind.Product, Material),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Pictures and footage: what references, edits, cuts and products are made of.</summary>
    private static readonly LineageNodeKind[] Material =
        [LineageNodeKind.Asset, LineageNodeKind.Generation, LineageNodeKind.Edit, LineageNodeKind.Render];
}
