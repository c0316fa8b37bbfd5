using System.Text.Json;
using Takt.Archive.Ingest.Manifests;

namespace Takt.Archive.Demo;

/// <summary>
/// The two tenants' <c>takt.json</c> files. The contributors span the cases the rights engine must
/// tell apart: full consent, constrained consent with terms, refusal of generative training, a
/// commission that policy excludes whatever its consent says, and unspecified consent.
/// </summary>
internal static class DemoManifests
{
    public const string RevokeWork = "hana-character-sheet";
    public const string RevokeContributor = "mei";

    private const string Staff = "LicenseRef-StudioKumo-Staff";
    private const string StaffTerms = "Made for Studio Kumo under a staff contract; the artist keeps credit and consent rights over training.";
    private static readonly DateTimeOffset Day = new(2025, 7, 1, 10, 0, 0, TimeSpan.FromHours(9));

    public static ProductionManifest Kumo() => new()
    {
        Tenant = "studio-kumo",
        TenantName = "Studio Kumo",
        TenantPolicy = new ManifestTenantPolicy { SharedPool = true },
        Project = "hanabi",
        ProjectTitle = "Hanabi \u2014 the festival night",
        Contributors =
        [
            new() { Id = "aiko", Name = "Aiko Tanaka", Email = "aiko@studio-kumo.example" },
            new() { Id = "ren", Name = "Ren Mori", Email = "ren@studio-kumo.example" },
            new() { Id = "sora", Name = "Sora Ito", Email = "sora@studio-kumo.example" },
            new() { Id = "mei", Name = "Mei Hayashi", Email = "mei@studio-kumo.example" },
            new() { Id = "kaito", Name = "Kaito Fujii" },
            // The studio itself holds the rights by default, so it must be declared like any holder.
            new() { Id = "studio-kumo", Name = "Studio Kumo" },
        ],
        Defaults = new ManifestRights { Category = "production", RightsHolders = ["studio-kumo"], SourceTool = "takt-demo" },
        Files =
        [
            File("chars/hana.ora", "character", RevokeWork, "mei", Staff, StaffTerms, AllAllowed(), 0, name: "Hana character sheet (layered)"),
            .. Depths("sc01/bg/festival", "sc01", "festival-bg", 1),
            .. Depths("sc02/bg/riverbank", "sc02", "riverbank-bg", 2),
            File("sc01/c001/storyboard_01.png", "storyboard", "sc01-storyboard", "aiko", Staff, StaffTerms, AllAllowed(), 3, "sc01", "c001"),
            File("sc01/c001/storyboard_02.png", "storyboard", "sc01-storyboard", "aiko", Staff, StaffTerms, AllAllowed(), 3, "sc01", "c001"),
            File("sc02/c003/storyboard_01.png", "storyboard", "sc02-storyboard", "aiko", Staff, StaffTerms, AllAllowed(), 4, "sc02", "c003"),
            File("sc01/c002/key_01_lineart.png", "line-art", "sc01-c002-key-01", "aiko", Staff, StaffTerms, AllAllowed(), 5, "sc01", "c002"),
            File("sc01/c002/key_01_colour.png", "colour", "sc01-c002-key-01-colour", "sora", Staff, StaffTerms, new()
            {
                ["generative-training"] = State("not-allowed"),
                ["non-generative-training"] = State("allowed"),
                ["reference-use"] = State("allowed"),
                ["credits-display"] = State("allowed"),
            }, 6, "sc01", "c002", tags: ["16-bit"]),
            // Consent says allowed, but a commission belongs to its client: tenant policy must still keep it out of training.
            File("refs/commission_hana_fanart.png", "reference", "commission-hana-fanart", "kaito", "LicenseRef-Proprietary",
                "Private commission for one client; all rights reserved.", AllAllowed(), 7, category: "commission", holders: ["kaito"]),
        ],
    };

    public static ProductionManifest Yoru() => new()
    {
        Tenant = "studio-yoru",
        TenantName = "Studio Yoru",
        TenantPolicy = new ManifestTenantPolicy { SharedPool = false, RemovalDeadlineDays = 30 },
        Project = "kage",
        ProjectTitle = "Kage",
        Contributors =
        [
            new() { Id = "hiro", Name = "Hiro Kuroda" },
            new() { Id = "nao", Name = "Nao Shimizu" },
            new() { Id = "studio-yoru", Name = "Studio Yoru" },
        ],
        Defaults = new ManifestRights { Category = "production", RightsHolders = ["studio-yoru"] },
        Files =
        [
            File("sc01/bg/alley.png", "background", "kage-alley-bg", "hiro", "CC0-1.0", null, new() { ["generative-training"] = State("unspecified") }, 8, "sc01"),
            File("sc01/c001/storyboard_01.png", "storyboard", "kage-sc01-storyboard", "hiro", "CC0-1.0", null, null, 8, "sc01", "c001"),
            File("chars/kage.png", "character", "kage-character", "nao", "LicenseRef-Proprietary", "All rights reserved by Studio Yoru.", null, 9),
        ],
    };

    private static IEnumerable<ManifestFile> Depths(string stem, string scene, string work, int day) =>
        Backgrounds.Depths.Select(depth => File($"{stem}_{depth}.png", "background", work, "ren", "CC-BY-4.0", null, new()
        {
            ["generative-training"] = JsonSerializer.SerializeToElement(
                new { state = "constrained", terms = "only for Studio Kumo's in-house background model" }, ProductionManifest.JsonOptions),
            ["non-generative-training"] = State("allowed"),
            ["reference-use"] = State("allowed"),
            ["shared-pool-training"] = State("not-allowed"),
            ["credits-display"] = State("allowed"),
        }, day, scene, tags: [depth]));

    private static ManifestFile File(
        string path, string layer, string work, string author, string licence, string? terms,
        Dictionary<string, JsonElement>? consent, int day, string? scene = null, string? cut = null,
        string? name = null, string? category = null, IReadOnlyList<string>? holders = null, IReadOnlyList<string>? tags = null) => new()
        {
            Path = path,
            Layer = layer,
            Work = work,
            Author = author,
            Licence = licence,
            LicenceTerms = terms,
            Consent = consent,
            Scene = scene,
            Cut = cut,
            Name = name,
            Category = category,
            RightsHolders = holders,
            Tags = tags,
            Created = Day.AddDays(day),
        };

    private static Dictionary<string, JsonElement> AllAllowed() => new()
    {
        ["generative-training"] = State("allowed"),
        ["non-generative-training"] = State("allowed"),
        ["reference-use"] = State("allowed"),
        ["shared-pool-training"] = State("allowed"),
        ["credits-display"] = State("allowed"),
    };

    private static JsonElement State(string state) => JsonSerializer.SerializeToElement(state);
}
