namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// One step of a BMFF hash: either the file bytes [<paramref name="Start"/>, <paramref name="End"/>)
/// or, when <paramref name="IsOffset"/>, the 8-byte big-endian value of <paramref name="Start"/>
/// (the position of a top-level box, which v2/v3 hashes mix in so boxes cannot be moved).
/// </summary>
internal readonly record struct BmffHashSegment(long Start, long End, bool IsOffset);
