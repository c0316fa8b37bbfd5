using System.Text.Json;
using System.Text.Json.Serialization;

namespace Takt.Archive.Ingest.Manifests;

/// <summary>
/// The <c>takt.json</c> (or <c>takt.yaml</c>) file at the root of an ingest folder: which files go
/// where in the production, who made them, under which licence and with what consent.
/// Everything not named here is ingested by naming convention with no rights stated.
/// </summary>
public sealed record ProductionManifest
{
    public const string FileName = "takt.json";
    public const string YamlFileName = "takt.yaml";

    /// <summary>The tenant (studio or IP holder) slug the material belongs to.</summary>
    public string? Tenant { get; init; }

    public string? TenantName { get; init; }

    /// <summary>Applied when the tenant is first created by this ingest; ignored afterwards.</summary>
    public ManifestTenantPolicy? TenantPolicy { get; init; }

    public required string Project { get; init; }

    public string? ProjectTitle { get; init; }

    public IReadOnlyList<ManifestContributor> Contributors { get; init; } = [];

    public ManifestRights? Defaults { get; init; }

    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    /// <summary>Whether files under the folder that the manifest does not list are ingested by naming convention.</summary>
    public bool IncludeUnlisted { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 32,
    };
}

public sealed record ManifestTenantPolicy
{
    public IReadOnlyList<string>? ExcludedCategories { get; init; }

    public int? RemovalDeadlineDays { get; init; }

    public bool? RetrainFromScratch { get; init; }

    public bool? SharedPool { get; init; }

    /// <summary>λ of the revenue split, in [0, 1]: the weight of the count share against the attribution share.</summary>
    public decimal? RevenueCountWeight { get; init; }
}

public sealed record ManifestContributor
{
    /// <summary>A key used by <c>author</c> and <c>rightsHolders</c> in this manifest.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Email { get; init; }
}

/// <summary>Rights fields shared by <c>defaults</c> and each file; a file's own values win.</summary>
public record ManifestRights
{
    public string? Author { get; init; }

    public IReadOnlyList<string>? RightsHolders { get; init; }

    /// <summary>SPDX id, or LicenseRef-&lt;name&gt; with <see cref="LicenceTerms"/>.</summary>
    public string? Licence { get; init; }

    public string? LicenceTerms { get; init; }

    public string? Category { get; init; }

    public string? SourceTool { get; init; }

    /// <summary>Purpose name → "allowed" | "not-allowed" | "constrained" | "unspecified", or an object with state and terms.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Consent { get; init; }
}

public sealed record ManifestFile : ManifestRights
{
    /// <summary>Relative to the manifest's folder; must stay inside it.</summary>
    public required string Path { get; init; }

    public string? Scene { get; init; }

    public string? Cut { get; init; }

    /// <summary>Layer kind (storyboard, layout, key-drawing, ...). For .ora files, the default for layers that name none.</summary>
    public string? Layer { get; init; }

    public string? Name { get; init; }

    /// <summary>Files with the same work key form one work (one unit of consent).</summary>
    public string? Work { get; init; }

    public DateTimeOffset? Created { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}
