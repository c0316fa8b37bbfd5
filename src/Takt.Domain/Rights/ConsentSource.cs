namespace Takt.Domain.Rights;

/// <summary>
/// Where a consent statement came from. When sources disagree the higher one wins, in the
/// order used by the field: an explicit agreement with the rights holder, then a signed C2PA/CAWG
/// assertion on the file, then plain embedded XMP.
/// </summary>
public enum ConsentSource
{
    EmbeddedXmp = 1,
    C2paAssertion = 2,
    Agreement = 3,
}
