namespace Takt.Domain.Rights;

public static class ConsentSources
{
    public static string Name(ConsentSource source) => source switch
    {
        ConsentSource.EmbeddedXmp => "xmp",
        ConsentSource.C2paAssertion => "c2pa",
        _ => "agreement",
    };

    public static bool TryParse(string? text, out ConsentSource source)
    {
        foreach (var s in Enum.GetValues<ConsentSource>())
        {
            if (string.Equals(Name(s), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                source = s;
                return true;
            }
        }

        source = default;
        return false;
    }
}
