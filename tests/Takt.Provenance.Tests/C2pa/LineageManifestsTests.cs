using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Manifests;
using Takt.Provenance.C2pa.Outputs;
using Takt.Provenance.Tests.Store;
using Takt.TestKit.C2pa;
using Takt.TestKit.Databases;
using Takt.TestKit.Files;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// An output's manifest read from a real lineage graph on SQLite: the archive art placed in it, the
/// models and prompt of the generation upstream, the attribution snapshot; signed and judged by
/// the official c2pa-rs reader, with the archived file's own manifest carried along.
/// </summary>
public sealed class LineageManifestsTests(TestCredentials credentials) : IClassFixture<TestCredentials>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Describe_CompositeOfAGenerationAndArchiveArt_NamesAssetsModelsPromptAndSnapshot_AndTheReferenceTrustsIt()
    {
        await using var database = await SqliteDatabase.CreateAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 2, [[0], [1]], sharedPool: false, Ct);
        var blobs = new LocalBlobStore(_temp.Combine("blobs"));
        // The second work arrived signed by someone else: its manifest must travel into the output.
        await PutAsync(database, blobs, seed.Assets[0], Png("plain"), Ct);
        await PutAsync(database, blobs, seed.Assets[1], await SignedPngAsync(), Ct);
        using var store = LineageStoreContract.StoreOn(database);
        await store.SyncArchiveAsync(Ct);

        var tenant = new TenantId(seed.Tenant);
        var (checkpoint, lora, generation, composite) = (LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New());
        var recorded = await store.RecordAsync(
        [
            new(checkpoint, LineageNodeKind.Model, tenant, "open base checkpoint", []),
            new(lora, LineageNodeKind.Model, tenant, "Hana LoRA", [], Attributes: """{"type":"lora"}"""),
            new(generation, LineageNodeKind.Generation, tenant, "key visual", LineageWeights.ForGeneration(checkpoint, [(lora, 0.8)], references: [new LineageNodeId(seed.Assets[0])]),
                Attributes: """{"parameters":{"prompt":"Hana at the festival, dusk","steps":20}}"""),
            new(composite, LineageNodeKind.Generation, tenant, "plate", [new(generation, 0.5, EdgeRole.Input), new(new LineageNodeId(seed.Assets[1]), 0.5, EdgeRole.Input)]),
        ], Ct);
        Assert.True(recorded.Succeeded, string.Join("; ", recorded.Problems));
        var manifests = new LineageManifests(database.Contexts, store, blobs, C2paSigner.DefaultContainers);
        var mining = new Dictionary<string, string>(StringComparer.Ordinal) { ["cawg.ai_training"] = "notAllowed" };

        var manifest = await manifests.DescribeAsync(new OutputSubject("plate.png", composite.Value, seed.Tenant, null), mining, Ct);

        var placed = manifest.Ingredients.Where(i => i.Relationship == IngredientDefinition.ComponentOf).ToList();
        Assert.Equal(["key 0", "key 1"], placed.Select(i => i.Title));
        Assert.Contains("work work-0 “Work 0” by Artist 0", placed[0].Description, StringComparison.Ordinal);
        Assert.Null(placed[0].ManifestStore);
        Assert.NotNull(placed[1].ManifestStore);
        var inputs = manifest.Ingredients.Where(i => i.Relationship == IngredientDefinition.InputTo).ToList();
        Assert.Contains(inputs, i => i.Title == "open base checkpoint" && i.DataTypes!.Contains("c2pa.types.model"));
        Assert.Contains(inputs, i => i.Title == "Hana LoRA" && i.Description == "lora");
        Assert.Contains(inputs, i => i.Title == "Hana at the festival, dusk" && i.DataTypes!.Contains("c2pa.types.generator.prompt"));
        Assert.Equal(C2paActions.CompositeWithTrainedAlgorithmicMedia, manifest.Actions[0].DigitalSourceType);
        Assert.Equal(C2paActions.Placed, manifest.Actions[1].Action);
        Assert.Equal(composite.Value, manifest.Lineage!.Node);
        var index = await store.IndexAsync(Ct);
        Assert.Equal(AttributionSnapshot.HashOf(index, composite), manifest.Lineage.AttributionSnapshot);
        Assert.StartsWith("sha256:", manifest.Lineage.AttributionSnapshot, StringComparison.Ordinal);
        Assert.Same(mining, manifest.TrainingMining);

        var signed = _temp.Combine("plate.png");
        await File.WriteAllBytesAsync(_temp.Combine("plate-source.png"), Png("plate"), Ct);
        using (var signer = credentials.Es256())
        {
            await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(_temp.Combine("plate-source.png"), signed, manifest, signer, null, Ct);
        }

        var report = await C2paReferenceReader.ReadAsync(signed, credentials.RootPemFile, Ct);
        Assert.True(report.State == "Trusted", string.Join(", ", report.Failure.Select(f => f.Code)));
        Assert.Equal(2, report.Manifests.EnumerateObject().Count());
        var titles = report.Manifests.GetProperty(report.ActiveManifest!).GetProperty("ingredients").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Equal(["key 0", "key 1", "open base checkpoint", "Hana LoRA", "Hana at the festival, dusk"], titles);
    }

    [Fact]
    public async Task Describe_NodeNotInTheGraph_SaysSo()
    {
        await using var database = await SqliteDatabase.CreateAsync(Ct);
        using var store = LineageStoreContract.StoreOn(database);
        var manifests = new LineageManifests(database.Contexts, store, new LocalBlobStore(_temp.Combine("blobs")), C2paSigner.DefaultContainers);
        var missing = Guid.CreateVersion7();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => manifests.DescribeAsync(new OutputSubject("x.png", missing, null, null), new Dictionary<string, string>(), Ct));

        Assert.Contains(missing.ToString(), e.Message, StringComparison.Ordinal);
    }

    private static byte[] Png(string seed)
    {
        using var image = NetVips.Image.Black(48, 32, 3) + new double[] { seed.Length * 20, 120, 40 };
        return image.PngsaveBuffer();
    }

    private async Task<byte[]> SignedPngAsync()
    {
        var source = _temp.Combine("incoming.png");
        var target = _temp.Combine("incoming-signed.png");
        await File.WriteAllBytesAsync(source, Png("incoming"), Ct);
        using var signer = credentials.Ed25519();
        await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(source, target, ManifestDefinition.Created("sketch", C2paActions.DigitalCreation), signer, null, Ct);
        return await File.ReadAllBytesAsync(target, Ct);
    }

    private static async Task PutAsync(SqliteDatabase database, LocalBlobStore blobs, Guid asset, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        var put = await blobs.PutAsync(stream, cancellationToken);
        await using var db = database.Contexts.Create();
        await db.Assets.Where(a => a.Id == asset).ExecuteUpdateAsync(s => s.SetProperty(a => a.Sha256, put.Hash.Hex), cancellationToken);
    }

    public void Dispose() => _temp.Dispose();
}
