using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Manifests;

namespace Takt.Provenance.Tests.C2pa;

public sealed class SignerSmokeTests(TestCredentials credentials) : IClassFixture<TestCredentials>
{
    [Theory]
    [InlineData("png", "es256")]
    [InlineData("png", "ed25519")]
    [InlineData("jpg", "es256")]
    public async Task Sign_Writes(string format, string alg)
    {
        var ct = TestContext.Current.CancellationToken;
        var dump = Environment.GetEnvironmentVariable("TAKT_C2PA_DUMP") ?? Path.GetTempPath();
        using var image = NetVips.Image.Black(64, 48, 3) + 128;
        var source = Path.Combine(dump, $"src.{format}");
        image.WriteToFile(source);
        var target = Path.Combine(dump, $"signed-{alg}.{format}");
        var manifest = new ManifestDefinition("test", [new ManifestAction(C2paActions.Created, C2paActions.TrainedAlgorithmicMedia, [])], [new IngredientDefinition("base model", IngredientDefinition.InputTo, DataTypes: ["c2pa.types.model"])],
            new Dictionary<string, string> { ["cawg.ai_generative_training"] = "notAllowed" }, new LineageStamp(Guid.NewGuid(), "studio", null, "sha256:00"));
        using var signer = credentials.Signer(alg);
        await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(source, target, manifest, signer, null, ct);
        File.WriteAllText(Path.Combine(dump, "root.pem"), credentials.RootPem);
        Assert.True(new FileInfo(target).Length > new FileInfo(source).Length);
    }
}
