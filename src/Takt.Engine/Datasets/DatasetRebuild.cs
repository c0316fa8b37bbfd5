using Takt.Persistence.Datasets;

namespace Takt.Engine.Datasets;

/// <summary>One version re-derived: from which, into what, and the remediation items it closed (or why not).</summary>
public sealed record DatasetRebuild(DatasetVersionRow From, DatasetBuildOutcome? Outcome, IReadOnlyList<Guid> ResolvedItems, string? Problem);
