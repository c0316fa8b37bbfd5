using System.Text.Json;
using NetVips;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Demo;
using Takt.Archive.Ingest;
using Takt.Archive.Ingest.Manifests;
using Takt.Archive.Rights;
using Takt.Domain.Datasets;
using Takt.Engine.Datasets;
using Takt.Provenance.Lineage;
using Takt.Provenance.OptOut;
using Takt.TestKit.Databases;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Datasets;

/// <summary>
/// A real archive for dataset tests: the demo production of both studios plus a short numbered
/// frame sequence (studio-anim), ingested into a fresh database; blobs, audit and the catalog over it.
/// </summary>
internal sealed class DatasetWorld : IAsyncDisposable
{
    public const int SequenceFrames = 11;
    public const int MissingFrame = 7;

    private static readonly Lazy<Task<string>> Input = new(WriteInputAsync);
    private readonly TempFolder _workspace = new("takt-datasets");

    private DatasetWorld(ITestDatabase database)
    {
        Database = database;
        Blobs = new LocalBlobStore(Path.Combine(database.Folder, "blobs"));
        Audit = new AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System);
        Lineage = new LineageStore(database.Contexts, Audit, TimeProvider.System);
        Catalog = CatalogAt(WorkspaceRoot);
    }

    public ITestDatabase Database { get; }

    public LocalBlobStore Blobs { get; }

    public AuditLog Audit { get; }

    public LineageStore Lineage { get; }

    public DatasetCatalog Catalog { get; }

    public string WorkspaceRoot => _workspace.Path;

    public ConsentService Consent => new(Database.Contexts, Audit, TimeProvider.System);

    public OptOutService OptOut => new(Database.Contexts, Lineage, Audit, TimeProvider.System);

    public static async Task<DatasetWorld> CreateAsync(ITestDatabase database, CancellationToken cancellationToken)
    {
        var world = new DatasetWorld(database);
        var input = await Input.Value;
        var ingest = new IngestService(database.Contexts, world.Blobs, world.Audit, TimeProvider.System);
        foreach (var folder in new[] { DemoProduction.KumoFolder, DemoProduction.YoruFolder, "studio-anim" })
        {
            var report = await ingest.IngestAsync(Path.Combine(input, folder), new IngestOptions(), null, cancellationToken);
            Assert.True(report.Failures.Count == 0, string.Join("; ", report.Failures));
        }

        return world;
    }

    /// <summary>A catalog over the same archive writing its folders elsewhere: a second machine, same inputs.</summary>
    public DatasetCatalog CatalogAt(string root) =>
        new(Database.Contexts, Blobs, Lineage, Audit, root, TimeProvider.System);

    public static DatasetRecipe Recipe(string tenant, string target, string? selection = null, string name = "set") =>
        DatasetRecipe.Parse($$"""{"name": "{{name}}", "tenant": "{{tenant}}", "selection": {{selection ?? "{}"}}, "target": {{target}}}""");

    public async ValueTask DisposeAsync()
    {
        Lineage.Dispose();
        _workspace.Dispose();
        await Database.DisposeAsync();
    }

    private static async Task<string> WriteInputAsync()
    {
        var folder = Directory.CreateTempSubdirectory("takt-dataset-input").FullName;
        await DemoProduction.WriteAsync(folder);
        var anim = Path.Combine(folder, "studio-anim");
        var cut = Path.Combine(anim, "sc01", "c010");
        Directory.CreateDirectory(cut);
        for (var frame = 1; frame <= SequenceFrames; frame++)
        {
            if (frame == MissingFrame)
            {
                continue; // a gap: clips never jump over a missing drawing
            }

            using var image = Image.Black(320, 180).NewFromImage([frame * 20, 90, 200 - (frame * 10)]).Cast(Enums.BandFormat.Uchar);
            image.WriteToFile(Path.Combine(cut, $"inbetween_{frame:D4}.png"));
        }

        var manifest = new ProductionManifest
        {
            Tenant = "studio-anim",
            TenantName = "Studio Anim",
            Project = "loop",
            IncludeUnlisted = true,
            Contributors = [new() { Id = "studio-anim", Name = "Studio Anim" }],
            Defaults = new ManifestRights
            {
                Category = "production",
                RightsHolders = ["studio-anim"],
                Licence = "CC0-1.0",
                Consent = new Dictionary<string, JsonElement> { ["generative-training"] = JsonSerializer.SerializeToElement("allowed") },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(anim, ProductionManifest.FileName), JsonSerializer.Serialize(manifest, ProductionManifest.JsonOptions));
        return folder;
    }
}
