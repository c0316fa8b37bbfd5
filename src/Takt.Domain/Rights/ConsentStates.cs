namespace Takt.Domain.Rights;

public static class ConsentStates
{
    public static string Name(ConsentState state) => state switch
    {
        ConsentState.NotAllowed => "not-allowed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? text, out ConsentState state) => EnumNames.TryParse(text, Name, out state);
}
