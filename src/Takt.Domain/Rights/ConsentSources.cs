namespace Takt.Domain.Rights;

public static class ConsentSources
{
    public static string Name(ConsentSource source) => source switch
    {
        ConsentSource.EmbeddedXmp => "xmp",
        ConsentSource.C2paAssertion => "c2pa",
        _ => "agreement",
    };

    public static bool TryParse(string? text, out ConsentSource source) => EnumNames.TryParse(text, Name, out source);
}
