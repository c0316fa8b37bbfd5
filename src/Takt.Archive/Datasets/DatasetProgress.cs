namespace Takt.Archive.Datasets;

/// <summary>Where a build is: a stage ("select", "derive", "write"), items done of total, the current item.</summary>
public sealed record DatasetProgress(string Stage, int Done, int Total, string Current);
