namespace Takt.Domain.Rights;

/// <summary>The answer a rights holder gave for one purpose (CAWG training-mining vocabulary plus "unspecified").</summary>
public enum ConsentState
{
    Unspecified,
    Allowed,
    NotAllowed,

    /// <summary>Allowed under terms; without machine-readable terms this counts as not allowed (CAWG rule).</summary>
    Constrained,
}
