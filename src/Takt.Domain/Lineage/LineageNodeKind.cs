namespace Takt.Domain.Lineage;

/// <summary>
/// What a lineage node stands for. Contributors are the roots that attribution flows to (PROV
/// agents); every other kind is an entity or activity derived from its parents.
/// </summary>
public enum LineageNodeKind : byte
{
    Contributor,
    Asset,
    /// <summary>One version of a dataset: a recipe evaluated against the archive at a moment.</summary>
    Dataset,
    TrainingRun,
    /// <summary>A checkpoint, a LoRA or a merge.</summary>
    Model,
    /// <summary>One engine node run.</summary>
    Generation,
    /// <summary>A person's creative change on a timeline.</summary>
    Edit,
    Render,
    Product,
}
