using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Manifests;
using Takt.Provenance.C2pa.Verification;
using Takt.TestKit.C2pa;
using Takt.TestKit.Files;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>Signed MP4s judged by the official reader, and Takt's verifier agreeing with it on Takt's own output.</summary>
public sealed class RoundTripTests(TestCredentials credentials, Mp4Samples samples) : IClassFixture<TestCredentials>, IClassFixture<Mp4Samples>, IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("es256")]
    [InlineData("ed25519")]
    public async Task SignedMp4_IsTrustedByBothReaders_AndAFlippedMdatByteIsABmffMismatchInBoth(string alg)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = _temp.Combine($"signed-{alg}.mp4");
        using (var signer = credentials.Signer(alg))
        {
            await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(samples.WithAudio, target, ManifestDefinition.Created("cut", C2paActions.TrainedAlgorithmicMedia), signer, null, ct);
        }

        var reference = await C2paReferenceReader.ReadAsync(target, credentials.RootPemFile, ct);
        Assert.True(reference.State == "Trusted", string.Join(", ", reference.FailureCodes));
        Assert.Contains("assertion.bmffHash.match", reference.Success);
        Assert.Equal(C2paValidationState.Trusted, (await VerifyAsync(target)).State);

        var bytes = await File.ReadAllBytesAsync(target, ct);
        bytes[^100] ^= 1; // mdat is last in a non-faststart file
        var tampered = _temp.Combine($"tampered-{alg}.mp4");
        await File.WriteAllBytesAsync(tampered, bytes, ct);
        Assert.Contains("assertion.bmffHash.mismatch", (await C2paReferenceReader.ReadAsync(tampered, credentials.RootPemFile, ct)).FailureCodes);
        var native = await VerifyAsync(tampered);
        Assert.Equal(C2paValidationState.Invalid, native.State);
        Assert.Contains(native.Failure, s => s.Code == ValidationCodes.AssertionBmffHashMismatch);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    public async Task TaktsVerifier_AgreesWithTheReference_OnTaktsOwnNestedOutput(string format)
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _temp.Combine($"source.{format}");
        using (var image = NetVips.Image.Black(64, 64, 3) + 60)
        {
            image.WriteToFile(source);
        }

        var inner = _temp.Combine($"inner.{format}");
        var outer = _temp.Combine($"outer.{format}");
        var signing = new C2paSigner(C2paSigner.DefaultContainers);
        using (var signer = credentials.Ed25519())
        {
            await signing.SignFileAsync(source, inner, ManifestDefinition.Created("inner", C2paActions.TrainedAlgorithmicMedia), signer, null, ct);
        }

        byte[]? store;
        await using (var stream = File.OpenRead(inner))
        {
            store = await signing.ContainerFor(await File.ReadAllBytesAsync(inner, ct))!.ReadStoreAsync(stream, ct);
        }

        var edit = new ManifestDefinition("outer", [new ManifestAction(C2paActions.Opened, null, [0]), new ManifestAction(C2paActions.Edited, C2paActions.CompositeWithTrainedAlgorithmicMedia, [])], [new IngredientDefinition("inner", IngredientDefinition.ParentOf, ManifestStore: store)]);
        using (var signer = credentials.Es256())
        {
            await signing.SignFileAsync(inner, outer, edit, signer, null, ct);
        }

        var reference = await C2paReferenceReader.ReadAsync(outer, credentials.RootPemFile, ct);
        var native = await VerifyAsync(outer);

        Assert.Equal(reference.State, native.State.ToString());
        Assert.Equal(reference.FailureCodes.Order(StringComparer.Ordinal), native.Failure.Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.Equal(2, native.Manifests.Count);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<C2paReport> VerifyAsync(string file)
    {
        var anchors = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        anchors.ImportFromPem(credentials.RootPem);
        await using var stream = File.OpenRead(file);
        return await new C2paVerifier(C2paSigner.DefaultContainers, TimeProvider.System, new Rfc3161TimestampCheck()).VerifyAsync(stream, new C2paTrust(anchors), TestContext.Current.CancellationToken);
    }
}
