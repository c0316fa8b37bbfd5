using Takt.Domain.Lineage;

namespace Takt.Provenance.OptOut;

/// <summary>What must be done to a node an opt-out invalidated.</summary>
public static class RemediationActions
{
    public const string RederiveDataset = "rederive-dataset";
    public const string RetrainModel = "retrain-model";
    public const string RemergeModel = "remerge-model";
    public const string Regenerate = "regenerate";
    public const string Rerender = "rerender";

    public const string Pending = "pending";
    public const string Done = "done";
    public const string Overdue = "overdue";

    /// <summary>
    /// The action for an invalidated node, or null when fixing something downstream covers it:
    /// a training run is redone by retraining its model, an edit or a product by re-rendering,
    /// and a generation only needs its own item when no render uses it.
    /// </summary>
    public static string? For(LineageNodeKind kind, bool isMerge, bool hasChildren) => kind switch
    {
        LineageNodeKind.Dataset => RederiveDataset,
        LineageNodeKind.Model => isMerge ? RemergeModel : RetrainModel,
        LineageNodeKind.Render => Rerender,
        LineageNodeKind.Generation when !hasChildren => Regenerate,
        _ => null,
    };
}
