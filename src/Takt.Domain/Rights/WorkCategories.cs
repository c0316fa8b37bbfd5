namespace Takt.Domain.Rights;

public static class WorkCategories
{
    public static string Name(WorkCategory category) => category switch
    {
        WorkCategory.PrivateMessage => "private-message",
        WorkCategory.GalleryOnly => "gallery-only",
        WorkCategory.ThirdPartyReference => "third-party-reference",
        _ => category.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? text, out WorkCategory category)
    {
        foreach (var c in Enum.GetValues<WorkCategory>())
        {
            if (string.Equals(Name(c), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = c;
                return true;
            }
        }

        category = default;
        return false;
    }
}
