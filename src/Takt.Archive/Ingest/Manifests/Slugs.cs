using System.Text.RegularExpressions;

namespace Takt.Archive.Ingest.Manifests;

/// <summary>Short names for tenants, projects, contributors, scenes and cuts: safe in paths, URLs and shells.</summary>
public static partial class Slugs
{
    public static bool IsValid(string? text) => text is not null && Shape().IsMatch(text);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Shape();
}
