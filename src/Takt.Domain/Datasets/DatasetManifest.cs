using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Takt.Domain.Datasets;

/// <summary>
/// The full account of a dataset version: the recipe, the tools, every sample with its hashes and
/// derivation key, every exclusion with its reasons, and every other file. Its canonical bytes are
/// sorted and carry no time, so the same inputs give the same bytes; the version id is their hash.
/// </summary>
public sealed record DatasetManifest
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public int Schema { get; init; } = SchemaVersion;

    public required string Name { get; init; }

    public required string Format { get; init; }

    /// <summary>The recipe as canonical JSON (the target spec included).</summary>
    public required JsonElement Recipe { get; init; }

    public required IReadOnlyDictionary<string, string> Tools { get; init; }

    public required int ConsentFilterVersion { get; init; }

    public required IReadOnlyList<ManifestSample> Samples { get; init; }

    public required IReadOnlyList<ManifestExclusion> Exclusions { get; init; }

    public required IReadOnlyList<ManifestFile> Files { get; init; }

    /// <summary>The same manifest in canonical order: samples and files by path, exclusions by source.</summary>
    public DatasetManifest Canonical() => this with
    {
        Tools = new SortedDictionary<string, string>(Tools.ToDictionary(), StringComparer.Ordinal),
        Samples = Samples.OrderBy(s => s.Path, StringComparer.Ordinal).ToArray(),
        Exclusions = Exclusions.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Asset)
            .Select(e => e with { Reasons = e.Reasons.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Text, StringComparer.Ordinal).ToArray() }).ToArray(),
        Files = Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray(),
    };

    public byte[] ToCanonicalBytes() => JsonSerializer.SerializeToUtf8Bytes(Canonical(), Options);

    /// <summary>The version id: SHA-256 of the canonical bytes.</summary>
    public string VersionId() => Convert.ToHexStringLower(SHA256.HashData(ToCanonicalBytes()));

    public static DatasetManifest Parse(ReadOnlySpan<byte> json)
    {
        DatasetManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DatasetManifest>(json, Options) ?? throw new DatasetRecipeException("the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new DatasetRecipeException($"the manifest is not a Takt dataset manifest: {e.Message}");
        }

        if (manifest.Schema != SchemaVersion)
        {
            throw new DatasetRecipeException($"the manifest's 'schema' is {manifest.Schema}; this Takt reads schema {SchemaVersion}");
        }

        // The serializer checks properties against their nullability, but not list items or
        // dictionary values: a null there would surface later as a NullReferenceException.
        if (manifest.Tools.Values.Any(v => v is null)
            || manifest.Samples.Any(s => s is null)
            || manifest.Exclusions.Any(e => e is null || e.Reasons.Any(r => r is null))
            || manifest.Files.Any(f => f is null))
        {
            throw new DatasetRecipeException("the manifest is not a Takt dataset manifest: a tool, sample, exclusion, reason or file is null");
        }

        return manifest;
    }
}
