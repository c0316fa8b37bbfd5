using System.Text.RegularExpressions;

namespace Takt.Domain.Rights;

/// <summary>
/// A licence as an SPDX identifier (or a <c>LicenseRef-</c> for custom terms such as an IP's
/// derivative-works guideline), with the custom terms' text when there is one.
/// </summary>
public sealed partial record Licence
{
    private Licence(string spdxId, string? customTerms)
    {
        SpdxId = spdxId;
        CustomTerms = customTerms;
    }

    public string SpdxId { get; }

    public string? CustomTerms { get; }

    /// <summary>No licence was stated: nothing is implied.</summary>
    public static Licence NoAssertion { get; } = new("NOASSERTION", null);

    public static Licence Proprietary { get; } = new("LicenseRef-Proprietary", null);

    public static Licence Cc0 { get; } = new("CC0-1.0", null);

    public static Licence CcBy4 { get; } = new("CC-BY-4.0", null);

    /// <summary>Public-domain dedications: anyone may use the work for anything.</summary>
    public bool IsPublicDomain => SpdxId is "CC0-1.0" or "PDDL-1.0" or "Unlicense" or "LicenseRef-PublicDomain";

    /// <summary>Permissive licences whose only condition is credit (CC BY, CC BY-SA).</summary>
    public bool RequiresAttributionOnly => CcAttribution().IsMatch(SpdxId);

    public static bool TryParse(string? id, string? customTerms, out Licence licence, out string? error)
    {
        licence = NoAssertion;
        error = null;
        var text = id?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "licence is empty; use an SPDX id such as CC-BY-4.0, or LicenseRef-<name> for custom terms";
            return false;
        }

        if (string.Equals(text, "NOASSERTION", StringComparison.OrdinalIgnoreCase))
        {
            licence = NoAssertion;
            return true;
        }

        if (!SpdxShape().IsMatch(text))
        {
            error = $"'{Truncate(text)}' is not an SPDX licence id (letters, digits, '.', '-', '+'; LicenseRef-<name> for custom terms)";
            return false;
        }

        licence = new Licence(Canonical(text), string.IsNullOrWhiteSpace(customTerms) ? null : customTerms.Trim());
        return true;
    }

    public static Licence Parse(string id, string? customTerms = null) =>
        TryParse(id, customTerms, out var licence, out var error) ? licence : throw new FormatException(error);

    public override string ToString() => SpdxId;

    // SPDX ids match case-insensitively; keep the well-known spelling so equal licences compare equal.
    private static string Canonical(string text)
    {
        if (text.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase))
        {
            return "LicenseRef-" + text["LicenseRef-".Length..];
        }

        return text.StartsWith("CC", StringComparison.OrdinalIgnoreCase) ? text.ToUpperInvariant() : text;
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";

    // A LicenseRef- needs a name after the prefix (in any case); other ids cannot start with the prefix.
    [GeneratedRegex("^((?i:LicenseRef-)[A-Za-z0-9.-]{1,100}|(?!(?i:LicenseRef-))[A-Za-z0-9][A-Za-z0-9.+-]{0,63})$")]
    private static partial Regex SpdxShape();

    [GeneratedRegex("^CC-BY(-SA)?-[0-9.]+$")]
    private static partial Regex CcAttribution();
}
