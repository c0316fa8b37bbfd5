namespace Takt.Domain.Rights;

public static class ConsentStates
{
    public static string Name(ConsentState state) => state switch
    {
        ConsentState.NotAllowed => "not-allowed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? text, out ConsentState state)
    {
        foreach (var s in Enum.GetValues<ConsentState>())
        {
            if (string.Equals(Name(s), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = s;
                return true;
            }
        }

        state = default;
        return false;
    }
}
