using System.Text;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Manifests;
using Takt.Provenance.C2pa.Signing;
using Takt.TestKit.C2pa;
using Takt.TestKit.Files;
using Takt.TestKit.Timestamps;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>Takt's signed PNG and JPEG files, judged by the official c2pa-rs reader.</summary>
public sealed class SignerTests(TestCredentials credentials) : IClassFixture<TestCredentials>, IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("png", "es256")]
    [InlineData("png", "ed25519")]
    [InlineData("jpg", "es256")]
    [InlineData("jpg", "ed25519")]
    public async Task Signed_IsTrustedByTheReferenceReader_WithEveryAssertion(string format, string alg)
    {
        var signed = await SignAsync(Source(format), alg, Generated());

        var report = await ReadAsync(signed);

        Assert.True(report.State == "Trusted", Describe(report));
        var manifest = report.Manifests.GetProperty(report.ActiveManifest!);
        var labels = manifest.GetProperty("assertions").EnumerateArray().Select(a => a.GetProperty("label").GetString()).ToList();
        Assert.Contains("c2pa.actions.v2", labels);
        Assert.Contains("cawg.training-mining", labels);
        Assert.Contains("org.takt.lineage", labels);
        Assert.Equal(["inputTo", "inputTo"], manifest.GetProperty("ingredients").EnumerateArray().Select(i => i.GetProperty("relationship").GetString()));
        Assert.Contains("assertion.dataHash.match", report.Success);
        Assert.Contains("signingCredential.trusted", report.Success);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    public async Task OneByteChanged_InPixels_ManifestOrSignature_TheReaderNamesWhat(string format)
    {
        var signed = await SignAsync(Source(format), "es256", Generated());
        var bytes = await File.ReadAllBytesAsync(signed, TestContext.Current.CancellationToken);

        var pixels = Flip(bytes, bytes.Length - (format == "png" ? 17 : 8));
        Assert.Contains("assertion.dataHash.mismatch", (await ReadAsync(pixels)).FailureCodes);

        var at = IndexOf(bytes, "notAllowed"u8);
        var manifest = Flip(bytes, at + 3);
        Assert.Contains("assertion.hashedURI.mismatch", (await ReadAsync(manifest)).FailureCodes);

        var store = await StoreRangeAsync(signed);
        var signature = Flip(bytes, (int)(store.Start + store.Length - 10));
        var report = await ReadAsync(signature);
        Assert.Equal("Invalid", report.State);
        Assert.Contains("claimSignature.mismatch", report.FailureCodes);
    }

    [Fact]
    public async Task AnIngredientsOwnManifest_IsCarried_AndTheChainIsTrusted()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = await SignAsync(Source("png"), "ed25519", Generated());
        await using var stream = File.OpenRead(reference);
        var store = await new PngContainer().ReadStoreAsync(stream, ct);
        var placed = new ManifestDefinition(
            "composited",
            [new ManifestAction(C2paActions.Created, C2paActions.CompositeWithTrainedAlgorithmicMedia, [1]), new ManifestAction(C2paActions.Placed, null, [0])],
            [new IngredientDefinition("character sheet", IngredientDefinition.ComponentOf, "image/png", ManifestStore: store), new IngredientDefinition("prompt: festival at dusk", IngredientDefinition.InputTo, DataTypes: ["c2pa.types.generator.prompt"])]);

        var signed = await SignAsync(Source("jpg"), "es256", placed);

        var report = await ReadAsync(signed);
        Assert.True(report.State == "Trusted", Describe(report));
        Assert.Equal(2, report.Manifests.EnumerateObject().Count());
        var ingredient = report.Manifests.GetProperty(report.ActiveManifest!).GetProperty("ingredients")[0];
        Assert.Equal("componentOf", ingredient.GetProperty("relationship").GetString());
        Assert.True(ingredient.TryGetProperty("active_manifest", out _), ingredient.ToString());
    }

    [Fact]
    public async Task WithATimestampAuthority_TheReaderValidatesTheSigTst2Token()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var authority = await TestTimestampAuthority.StartAsync(TimeProvider.System, ct);
        using var http = new HttpClient();
        var target = _temp.Combine("stamped.png");
        using (var signer = credentials.Es256())
        {
            await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(Source("png"), target, Generated(), signer, new Rfc3161TimestampAuthority(http, authority.Url), ct);
        }

        var anchors = _temp.Combine("anchors.pem");
        await File.WriteAllTextAsync(anchors, credentials.RootPem + authority.RootCertificate.ExportCertificatePem(), ct);
        var report = await C2paReferenceReader.ReadAsync(target, anchors, ct);

        Assert.True(report.State == "Trusted", Describe(report));
        Assert.Contains("timeStamp.validated", report.Success);
        Assert.Equal(1, authority.RequestCount);
    }

    [Fact]
    public async Task SigningAgain_ReplacesTheOldManifest()
    {
        var once = await SignAsync(Source("png"), "es256", Generated());
        var twice = await SignAsync(once, "es256", Generated());

        var report = await ReadAsync(twice);

        Assert.Equal("Trusted", report.State);
        Assert.Single(report.Manifests.EnumerateObject());
    }

    public void Dispose() => _temp.Dispose();

    private static ManifestDefinition Generated() => new(
        "Hana at the festival",
        [new ManifestAction(C2paActions.Created, C2paActions.TrainedAlgorithmicMedia, [0, 1])],
        [
            new IngredientDefinition("open base checkpoint", IngredientDefinition.InputTo, DataTypes: ["c2pa.types.model"]),
            new IngredientDefinition("Hana character LoRA", IngredientDefinition.InputTo, DataTypes: ["c2pa.types.model"]),
        ],
        new Dictionary<string, string> { ["cawg.ai_generative_training"] = "notAllowed", ["cawg.ai_training"] = "notAllowed" },
        new LineageStamp(Guid.NewGuid(), "studio-kumo", Guid.NewGuid(), "sha256:" + new string('0', 64)));

    private string Source(string format)
    {
        var path = _temp.Combine($"source-{Guid.NewGuid():N}.{format}");
        using var image = NetVips.Image.Black(96, 64, 3) + new double[] { 200, 120, 40 };
        image.WriteToFile(path);
        return path;
    }

    private async Task<string> SignAsync(string source, string alg, ManifestDefinition manifest)
    {
        var target = _temp.Combine($"signed-{Guid.NewGuid():N}{Path.GetExtension(source)}");
        using var signer = credentials.Signer(alg);
        await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(source, target, manifest, signer, null, TestContext.Current.CancellationToken);
        return target;
    }

    private async Task<C2paReferenceReport> ReadAsync(string file) =>
        await C2paReferenceReader.ReadAsync(file, credentials.RootPemFile, TestContext.Current.CancellationToken);

    private async Task<C2paReferenceReport> ReadAsync(byte[] bytes)
    {
        var path = _temp.Combine($"tampered-{Guid.NewGuid():N}.{(bytes[0] == 0x89 ? "png" : "jpg")}");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return await ReadAsync(path);
    }

    private static async Task<HashExclusion> StoreRangeAsync(string signed)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = File.OpenRead(signed);
        IAssetContainer container = signed.EndsWith(".png", StringComparison.Ordinal) ? new PngContainer() : new JpegContainer();
        var store = await container.ReadStoreAsync(source, ct);
        var bytes = await File.ReadAllBytesAsync(signed, ct);
        // The signature ends the store; in a JPEG the tail sits in the last APP11 segment unchanged.
        var tail = store!.AsSpan(store!.Length - 64).ToArray();
        return new HashExclusion(IndexOf(bytes, tail) + 64 - store.Length, store.Length);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, $"'{Encoding.ASCII.GetString(needle)}' not found");
        return at;
    }

    private static string Describe(C2paReferenceReport report) =>
        $"{report.State} {report.Error} failures: {string.Join(", ", report.Failure.Select(f => $"{f.Code} ({f.Explanation})"))}";
}
