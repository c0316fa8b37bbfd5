using System.Text;
using System.Text.Json;
using Takt.Domain.Lineage;
using Takt.Provenance.Export;
using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Export;

/// <summary>Export behaviour on each provider: a subclass supplies a fresh database per test.</summary>
public abstract class LineageExportContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Prov_ProductUpward_HasContextAndEveryPropTerm()
    {
        var (g, database) = await SeedAsync();
        await using var _ = database;

        var json = Parse(await ProvAsync(g, g.Product, LineageExportDirection.Up, null));

        var context = json.GetProperty("@context");
        Assert.Equal(TaktVocabulary.ProvJsonLdContext, context[0].GetString());
        Assert.Equal(TaktVocabulary.Namespace, context[1].GetProperty("takt").GetString());
        var graph = json.GetProperty("@graph").EnumerateArray().ToList();
        var types = graph.Select(e => e.GetProperty("@type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Entity", "Activity", "Agent", "Derivation", "Attribution", "Association", "Usage", "Generation", "Invalidation" }, types);

        var product = Element(graph, g.Product);
        Assert.Equal("Entity", product.GetProperty("@type").GetString());
        Assert.Equal("product", product.GetProperty("takt:kind").GetString());
        Assert.Equal("kumo", product.GetProperty("takt:tenant").GetString());
        Assert.Equal("Activity", Element(graph, g.Run).GetProperty("@type").GetString());
        Assert.Equal("Agent", Element(graph, g.Artist).GetProperty("@type").GetString());
        Assert.Equal(10, Element(graph, g.Dataset).GetProperty("takt:attributes").GetProperty("repeats").GetInt32());

        var reference = Assert.Single(graph, e => Is(e, "Derivation") && e.GetProperty("generatedEntity").GetString() == Urn(g.Generation) && e.GetProperty("usedEntity").GetString() == Urn(g.Asset));
        Assert.Equal("reference", reference.GetProperty("takt:role").GetString());
        Assert.Equal(LineageWeights.ReferenceShare, reference.GetProperty("takt:weight").GetDouble());
        var attribution = Assert.Single(graph, e => Is(e, "Attribution"));
        Assert.Equal((Urn(g.Asset), Urn(g.Artist), "rights-holder", 1.0),
            (attribution.GetProperty("entity").GetString(), attribution.GetProperty("agent").GetString(), attribution.GetProperty("takt:role").GetString(), attribution.GetProperty("takt:weight").GetDouble()));
        Assert.Contains(graph, e => Is(e, "Association") && e.GetProperty("agent").GetString() == Urn(g.Artist) && e.GetProperty("takt:role").GetString() == "editor");
        Assert.Contains(graph, e => Is(e, "Usage") && e.GetProperty("activity").GetString() == Urn(g.Run) && e.GetProperty("entity").GetString() == Urn(g.Dataset));
        Assert.Contains(graph, e => Is(e, "Generation") && e.GetProperty("entity").GetString() == Urn(g.Lora) && e.GetProperty("activity").GetString() == Urn(g.Run));
    }

    [Fact]
    public async Task Prov_InvalidatedDataset_IsInvalidatedByTheRevocation()
    {
        var (g, database) = await SeedAsync();
        await using var _ = database;

        var graph = Parse(await ProvAsync(g, g.Asset, LineageExportDirection.Down, null)).GetProperty("@graph").EnumerateArray().ToList();

        var invalidation = Assert.Single(graph, e => Is(e, "Invalidation"));
        Assert.Equal(Urn(g.Dataset), invalidation.GetProperty("entity").GetString());
        Assert.Equal("urn:uuid:" + g.Revocation.ToString("D"), invalidation.GetProperty("activity").GetString());
        Assert.Equal("2026-03-05T05:06:07Z", invalidation.GetProperty("time").GetString());
        Assert.Contains(graph, e => Is(e, "Activity") && e.GetProperty("@id").GetString() == invalidation.GetProperty("activity").GetString());
    }

    [Fact]
    public async Task Prov_SameGraphTwice_SameBytes()
    {
        var (g, database) = await SeedAsync();
        await using var _ = database;

        var first = await ProvAsync(g, g.Asset, LineageExportDirection.Both, null);
        using var otherStore = new Takt.Provenance.Lineage.LineageStore(g.Contexts, new Takt.Archive.Audit.AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System), TimeProvider.System);
        var second = await ExportAsync(new LineageExporter(g.Contexts, otherStore), g.Asset, LineageExportDirection.Both, null, ProvJsonLd.Write);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Export_Tenant_NeverIncludesAnotherTenantsNodes()
    {
        var (g, database) = await SeedAsync();
        await using var _ = database;

        // Down from kumo's asset the operator reaches yoru's fine-tune through the pool model; kumo must not.
        var operatorView = await ProvAsync(g, g.Asset, LineageExportDirection.Down, null);
        var kumoView = await ProvAsync(g, g.Asset, LineageExportDirection.Down, g.Kumo.Value);
        var yoruUp = await ProvAsync(g, g.YoruGeneration, LineageExportDirection.Up, g.Yoru.Value);
        var kumoEvents = await OpenLineageAsync(g, g.Asset, LineageExportDirection.Down, g.Kumo.Value);

        Assert.Contains(Urn(g.YoruRun), operatorView, StringComparison.Ordinal);
        Assert.All(g.YoruNodes, n => Assert.DoesNotContain(n.ToString(), kumoView, StringComparison.Ordinal));
        Assert.All(g.YoruNodes, n => Assert.DoesNotContain(n.ToString(), kumoEvents, StringComparison.Ordinal));
        Assert.Contains(Urn(g.PoolModel), kumoView, StringComparison.Ordinal);

        // Up from yoru's generation: the pool model is shown, but not walked past into kumo's work.
        Assert.Contains(Urn(g.PoolModel), yoruUp, StringComparison.Ordinal);
        Assert.DoesNotContain(Urn(g.PoolRun), yoruUp, StringComparison.Ordinal);
        Assert.DoesNotContain(Urn(g.Asset), yoruUp, StringComparison.Ordinal);
        Assert.Null(await new LineageExporter(g.Contexts, g.Store).ReadAsync(g.Product, LineageExportDirection.Up, g.Yoru.Value, Ct));
    }

    [Fact]
    public async Task OpenLineage_ProductUpward_OneCompleteRunEventPerRunNode()
    {
        var (g, database) = await SeedAsync();
        await using var _ = database;

        var text = await OpenLineageAsync(g, g.Product, LineageExportDirection.Up, null);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(Parse).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal("COMPLETE", e.GetProperty("eventType").GetString());
            Assert.Equal(TaktVocabulary.OpenLineageRunEventSchema, e.GetProperty("schemaURL").GetString());
            Assert.Equal(TaktVocabulary.Producer, e.GetProperty("producer").GetString());
            Assert.Equal("2026-03-04T05:06:07Z", e.GetProperty("eventTime").GetString());
            Assert.Equal("takt://kumo", e.GetProperty("job").GetProperty("namespace").GetString());
            var facet = e.GetProperty("run").GetProperty("facets").GetProperty(OpenLineageEvents.FacetKey);
            Assert.StartsWith(TaktVocabulary.FacetSchema + "#/$defs/", facet.GetProperty("_schemaURL").GetString(), StringComparison.Ordinal);
            Assert.Equal(TaktVocabulary.Producer, facet.GetProperty("_producer").GetString());
            var node = Guid.Parse(facet.GetProperty("node").GetString()!);
            Assert.Equal(NameBasedUuid.RunOf(node), Guid.Parse(e.GetProperty("run").GetProperty("runId").GetString()!));
        });

        var run = Assert.Single(events, e => e.GetProperty("job").GetProperty("name").GetString()!.StartsWith("training-run/", StringComparison.Ordinal));
        Assert.Equal(["dataset/" + g.Dataset, "model/" + g.Checkpoint], run.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var initial = run.GetProperty("inputs")[1].GetProperty("inputFacets").GetProperty(OpenLineageEvents.FacetKey);
        Assert.Equal(("initial-model", 0.0), (initial.GetProperty("role").GetString(), initial.GetProperty("weight").GetDouble()));
        Assert.Equal("model/" + g.Lora, Assert.Single(run.GetProperty("outputs").EnumerateArray()).GetProperty("name").GetString());

        var generation = Assert.Single(events, e => e.GetProperty("job").GetProperty("name").GetString() == "generation/key visual");
        var inputs = generation.GetProperty("inputs").EnumerateArray()
            .Select(i => (i.GetProperty("name").GetString(), i.GetProperty("inputFacets").GetProperty(OpenLineageEvents.FacetKey).GetProperty("role").GetString())).ToList();
        Assert.Equal([("model/" + g.Checkpoint, "base-model"), ("model/" + g.Lora, "lora"), ("asset/" + g.Asset, "reference")], inputs);
        Assert.Equal("generation/" + g.Generation, Assert.Single(generation.GetProperty("outputs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(text, await OpenLineageAsync(g, g.Product, LineageExportDirection.Up, null));
    }

    private async Task<(ExportGraph Graph, ITestDatabase Database)> SeedAsync()
    {
        var database = await CreateDatabaseAsync(Ct);
        return (await ExportGraph.SeedAsync(database, Ct), database);
    }

    private static Task<string> ProvAsync(ExportGraph g, LineageNodeId root, LineageExportDirection direction, Guid? tenant) =>
        ExportAsync(new LineageExporter(g.Contexts, g.Store), root, direction, tenant, ProvJsonLd.Write);

    private static Task<string> OpenLineageAsync(ExportGraph g, LineageNodeId root, LineageExportDirection direction, Guid? tenant) =>
        ExportAsync(new LineageExporter(g.Contexts, g.Store), root, direction, tenant, (s, stream) => OpenLineageEvents.Write(s, stream));

    private static async Task<string> ExportAsync(LineageExporter exporter, LineageNodeId root, LineageExportDirection direction, Guid? tenant, Action<LineageSubgraph, Stream> write)
    {
        var subgraph = await exporter.ReadAsync(root, direction, tenant, Ct) ?? throw new InvalidOperationException($"{root} is not visible");
        using var stream = new MemoryStream();
        write(subgraph, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Urn(LineageNodeId id) => "urn:uuid:" + id;

    private static bool Is(JsonElement element, string type) => element.GetProperty("@type").GetString() == type;

    private static JsonElement Element(List<JsonElement> graph, LineageNodeId id) =>
        graph.Single(e => e.TryGetProperty("@id", out var i) && i.GetString() == Urn(id));
}
