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

    public static bool TryParse(string? text, out WorkCategory category) => EnumNames.TryParse(text, Name, out category);
}
