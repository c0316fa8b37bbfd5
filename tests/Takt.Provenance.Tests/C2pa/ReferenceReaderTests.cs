using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Takt.TestKit.C2pa;
using Takt.TestKit.ComfyUi;
using Takt.TestKit.Files;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// Pins what the official c2pa-rs reader (c2pa-wasm 0.13.3) says about c2pa-rs's own fixtures, so
/// the judge of Takt's manifests is itself checked: a reader upgrade that changes a verdict shows up
/// here, not as a mysterious failure of a signing test.
/// </summary>
public sealed class ReferenceReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", name);

    public static TheoryData<string> Fixtures() => ["C.jpg", "CA.jpg", "CACA.jpg", "XCA.jpg", "E-sig-CA.jpg", "CIE-sig-CA.jpg"];

    [Fact]
    public async Task ReadAsync_SignedJpeg_Valid()
    {
        var report = await C2paReferenceReader.ReadAsync(Fixture("C.jpg"), trustAnchorsPem: null, Ct);

        Assert.Null(report.Error);
        Assert.Equal("Valid", report.State);
        Assert.Equal("contentauth:urn:uuid:b2b1f7fa-b119-4de1-9c0d-c97fbea3f2c3", report.ActiveManifest);
        Assert.Empty(report.Failure);
        Assert.Contains("assertion.dataHash.match", report.Success);
        Assert.Contains("claimSignature.validated", report.Success);
        Assert.True(report.Manifests.TryGetProperty(report.ActiveManifest!, out _));
    }

    [Fact]
    public async Task ReadAsync_ImageChangedAfterSigning_DataHashMismatch()
    {
        var report = await C2paReferenceReader.ReadAsync(Fixture("XCA.jpg"), trustAnchorsPem: null, Ct);

        Assert.Equal("Invalid", report.State);
        var failure = Assert.Single(report.Failure);
        Assert.Equal("assertion.dataHash.mismatch", failure.Code);
        Assert.EndsWith("/c2pa.assertions/c2pa.hash.data", failure.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("assertion.dataHash.match", report.Success);
        Assert.Contains("claimSignature.validated", report.Success);
    }

    [Fact]
    public async Task ReadAsync_DamagedSignature_ClaimSignatureMismatch()
    {
        var report = await C2paReferenceReader.ReadAsync(Fixture("E-sig-CA.jpg"), trustAnchorsPem: null, Ct);

        Assert.Equal("Invalid", report.State);
        Assert.Equal(["claimSignature.mismatch"], report.FailureCodes);
        Assert.EndsWith("/c2pa.signature", report.Failure[0].Url, StringComparison.Ordinal);
        // The content is untouched, only the signature is broken.
        Assert.Contains("assertion.dataHash.match", report.Success);
        Assert.Contains("timeStamp.mismatch", report.Informational);
    }

    [Fact]
    public async Task ReadAsync_IngredientWithOwnManifest_ValidatesIngredientManifest()
    {
        var report = await C2paReferenceReader.ReadAsync(Fixture("CACA.jpg"), trustAnchorsPem: null, Ct);

        Assert.Equal("Valid", report.State);
        Assert.Equal(2, report.Manifests.EnumerateObject().Count());
        var delta = Assert.Single(report.IngredientDeltas.EnumerateArray());
        var success = delta.GetProperty("validationDeltas").GetProperty("success").EnumerateArray().Select(s => s.GetProperty("code").GetString());
        Assert.Contains("ingredient.manifest.validated", success);
    }

    [Fact]
    public async Task ReadAsync_IngredientWithBadSignature_ActiveManifestStillValid()
    {
        // A broken ingredient is recorded in the ingredient assertion, not held against the new manifest.
        var report = await C2paReferenceReader.ReadAsync(Fixture("CIE-sig-CA.jpg"), trustAnchorsPem: null, Ct);

        Assert.Equal("Valid", report.State);
        Assert.Empty(report.Failure);
        Assert.Equal(2, report.IngredientDeltas.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task ReadAsync_Fixture_MatchesExpectedJson(string name)
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Fixture("expected.json"), Ct));
        var entry = expected.RootElement.GetProperty(name);

        var report = await C2paReferenceReader.ReadAsync(Fixture(name), trustAnchorsPem: null, Ct);

        Assert.Equal(entry.GetProperty("state").GetString(), report.State);
        Assert.Equal(Codes(entry, "failure"), report.FailureCodes.Order(StringComparer.Ordinal));
        Assert.Equal(Codes(entry, "success"), report.Success.Order(StringComparer.Ordinal));
        Assert.Equal(Codes(entry, "informational"), report.Informational.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_TestRootsAsAnchors_Trusted()
    {
        var report = await C2paReferenceReader.ReadAsync(Fixture("C.jpg"), Fixture("test_cert_root_bundle.pem"), Ct);

        Assert.Equal("Trusted", report.State);
        Assert.Empty(report.Failure);
    }

    [Fact]
    public async Task ReadAsync_UnrelatedAnchor_SigningCredentialUntrusted()
    {
        using var folder = new TempFolder();
        var anchors = folder.Combine("anchor.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=Unrelated Test Root", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            var now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600); // 2026-01-01; validity does not matter here.
            using var root = request.CreateSelfSigned(now, now.AddYears(10));
            await File.WriteAllTextAsync(anchors, root.ExportCertificatePem(), Ct);
        }

        var report = await C2paReferenceReader.ReadAsync(Fixture("C.jpg"), anchors, Ct);

        // c2pa-rs keeps an untrusted but intact manifest Valid and says why it is not Trusted.
        Assert.Equal("Valid", report.State);
        Assert.Equal(["signingCredential.untrusted"], report.FailureCodes);
    }

    [Fact]
    public async Task ReadAsync_NoManifest_Error()
    {
        using var folder = new TempFolder();
        var png = folder.Combine("plain.png");
        await File.WriteAllBytesAsync(png, TinyPng.Render(4, 4, "plain"u8), Ct);

        var report = await C2paReferenceReader.ReadAsync(png, trustAnchorsPem: null, Ct);

        Assert.Contains("JumbfNotFound", report.Error, StringComparison.Ordinal);
        Assert.Empty(report.State);
    }

    private static string[] Codes(JsonElement entry, string property) =>
        [.. entry.GetProperty(property).EnumerateArray().Select(c => c.GetString() ?? "")];
}
