using Takt.Archive.Datasets;
using Takt.Persistence.Datasets;

namespace Takt.Engine.Datasets;

/// <summary>A build and the version it produced (or found: an identical version already recorded).</summary>
public sealed record DatasetBuildOutcome(DatasetBuild Build, DatasetVersionRow Version, bool Recorded);
