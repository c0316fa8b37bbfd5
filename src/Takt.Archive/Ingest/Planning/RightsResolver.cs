using System.Text.Json;
using Takt.Archive.Ingest.Manifests;
using Takt.Domain.Rights;

namespace Takt.Archive.Ingest.Planning;

/// <summary>Combines a manifest's defaults with one file's entry and checks every value; problems are per file.</summary>
internal static class RightsResolver
{
    public static (ResolvedRights? Rights, string? Problem) Resolve(ManifestRights? defaults, ManifestFile? file, string relativePath, IReadOnlySet<string> contributorKeys)
    {
        var author = file?.Author ?? defaults?.Author;
        if (author is not null && !contributorKeys.Contains(author))
        {
            return (null, $"author '{author}' is not among the manifest's contributors");
        }

        var holders = file?.RightsHolders ?? defaults?.RightsHolders ?? (author is null ? [] : [author]);
        if (holders.FirstOrDefault(h => !contributorKeys.Contains(h)) is { } unknown)
        {
            return (null, $"rights holder '{unknown}' is not among the manifest's contributors");
        }

        var licenceText = file?.Licence ?? defaults?.Licence ?? "NOASSERTION";
        if (!Licence.TryParse(licenceText, file?.LicenceTerms ?? defaults?.LicenceTerms, out var licence, out var licenceError))
        {
            return (null, licenceError);
        }

        var categoryText = file?.Category ?? defaults?.Category ?? "production";
        if (!WorkCategories.TryParse(categoryText, out var category))
        {
            return (null, $"unknown category '{categoryText}'; use one of {string.Join(", ", Enum.GetValues<WorkCategory>().Select(WorkCategories.Name))}");
        }

        var consent = new Dictionary<Purpose, (ConsentState, string?)>();
        foreach (var source in new[] { defaults?.Consent, file?.Consent })
        {
            foreach (var (key, value) in source ?? new Dictionary<string, JsonElement>())
            {
                if (!Purposes.TryParse(key, out var purpose))
                {
                    return (null, $"unknown consent purpose '{key}'; use one of {string.Join(", ", Purposes.All.Select(Purposes.Name))}");
                }

                if (ParseState(value) is not { } parsed)
                {
                    return (null, $"consent for {key} must be allowed, not-allowed, constrained or unspecified (or {{\"state\": …, \"terms\": …}})");
                }

                consent[purpose] = parsed;
            }
        }

        var workKey = file?.Work ?? relativePath;
        return (new ResolvedRights
        {
            WorkKey = workKey.Length > 400 ? workKey[..400] : workKey,
            WorkTitle = file?.Name ?? Path.GetFileNameWithoutExtension(relativePath),
            AuthorKey = author,
            RightsHolderKeys = holders.Distinct(StringComparer.Ordinal).ToList(),
            Licence = licence,
            Category = category,
            SourceTool = file?.SourceTool ?? defaults?.SourceTool,
            Consent = consent.Select(kv => (kv.Key, kv.Value.Item1, kv.Value.Item2)).ToList(),
            Created = file?.Created,
            Tags = file?.Tags ?? [],
        }, null);
    }

    private static (ConsentState, string?)? ParseState(JsonElement value)
    {
        string? stateText = null, terms = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            stateText = value.GetString();
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            stateText = value.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            terms = value.TryGetProperty("terms", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }

        return ConsentStates.TryParse(stateText, out var state) ? (state, terms) : null;
    }
}
