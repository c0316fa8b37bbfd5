namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// One entry of a BMFF hash's <c>exclusions</c> (C2PA 2.2 §18.6.2, c2pa-rs <c>ExclusionsMap</c>):
/// the boxes at <paramref name="XPath"/> that also match the optional length, data, version and
/// flags conditions are left out of the hash, whole or only their <paramref name="Subset"/> ranges.
/// </summary>
internal sealed record BmffExclusion(
    string XPath,
    ulong? Length = null,
    IReadOnlyList<BmffDataMatch>? Data = null,
    IReadOnlyList<BmffSubset>? Subset = null,
    byte? Version = null,
    byte[]? Flags = null,
    bool? Exact = null);

/// <summary>Bytes a box must hold at <paramref name="Offset"/> (from the box's start) for an exclusion to apply.</summary>
internal sealed record BmffDataMatch(ulong Offset, byte[] Value);

/// <summary>A range inside a box (from the box's start) to exclude; length 0 means to the box's end.</summary>
internal sealed record BmffSubset(ulong Offset, ulong Length);
