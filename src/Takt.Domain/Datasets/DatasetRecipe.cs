using Takt.Domain.Rights;

namespace Takt.Domain.Datasets;

/// <summary>
/// How a dataset is derived from the archive: what to select, for which purpose (which decides the
/// consent check), on whose behalf, and in what shape. A recipe plus the archive's state at a moment
/// determines a version exactly.
/// </summary>
public sealed partial record DatasetRecipe
{
    /// <summary>A name people use for the dataset's versions: letters, digits, '-', '_'.</summary>
    public required string Name { get; init; }

    /// <summary>The tenant's slug, or "shared-pool".</summary>
    public required string Tenant { get; init; }

    public Purpose Purpose { get; init; } = Purpose.GenerativeTraining;

    public DatasetSelection Selection { get; init; } = new();

    public required TargetSpec Target { get; init; }

    public const string SharedPool = "shared-pool";

    public bool IsSharedPool => string.Equals(Tenant, SharedPool, StringComparison.Ordinal);

    /// <summary>The concept name, defaulting to the recipe name.</summary>
    public string Concept => Target.Concept ?? Name;
}
