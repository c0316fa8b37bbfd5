namespace Takt.Archive.Demo;

/// <summary>What <see cref="DemoProduction.WriteAsync"/> wrote.</summary>
/// <param name="Folders">The tenant folders written, each holding a <c>takt.json</c>, absolute paths.</param>
/// <param name="FileCount">Files written, manifests included.</param>
/// <param name="TotalBytes">Bytes written, manifests included.</param>
/// <param name="RevokeWorkKey">The manifest work key of the file whose contributor the demo later revokes consent for.</param>
/// <param name="RevokeContributor">The manifest contributor id of that contributor.</param>
public sealed record DemoProductionSummary(
    IReadOnlyList<string> Folders,
    int FileCount,
    long TotalBytes,
    string RevokeWorkKey,
    string RevokeContributor);
