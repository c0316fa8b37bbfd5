using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>c2pa-rs's own JPEG fixtures; expectations are what c2pa-rs 0.91.3 (c2pa-wasm 0.13.3) reports for them.</summary>
public sealed class VerifierTests
{
    // Without a time-stamp verifier the signing time is "now"; the fixtures' certificates run
    // 2022-06-10 to 2030-08-26, so the tests pin "now" inside that span to stay deterministic.
    private static readonly DateTimeOffset SigningDay = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static async Task<C2paReport> VerifyFixtureAsync(string name, DateTimeOffset? now = null)
    {
        var verifier = new C2paVerifier([new JpegContainer()], new FixedTime(now ?? SigningDay));
        await using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", name));
        return await verifier.VerifyAsync(file, C2paTrust.None, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("C.jpg")]
    [InlineData("CA.jpg")]
    [InlineData("CACA.jpg")]
    public async Task Verify_ValidFixture_IsValidWithSignatureAndDataHash(string name)
    {
        var report = await VerifyFixtureAsync(name);

        Assert.Empty(report.Failure);
        Assert.Equal(C2paValidationState.Valid, report.State);
        Assert.Contains(report.Success, s => s.Code == ValidationCodes.ClaimSignatureValidated);
        Assert.Contains(report.Success, s => s.Code == ValidationCodes.AssertionDataHashMatch);
        Assert.All(report.IngredientDeltas, d => Assert.Empty(d.Failure));
    }

    [Fact]
    public async Task Verify_XCA_DataHashMismatch()
    {
        var report = await VerifyFixtureAsync("XCA.jpg");

        Assert.Equal(C2paValidationState.Invalid, report.State);
        Assert.Equal([ValidationCodes.AssertionDataHashMismatch], report.Failure.Select(s => s.Code));
    }

    [Fact]
    public async Task Verify_ESigCA_ClaimSignatureMismatch()
    {
        var report = await VerifyFixtureAsync("E-sig-CA.jpg");

        Assert.Equal(C2paValidationState.Invalid, report.State);
        Assert.Equal([ValidationCodes.ClaimSignatureMismatch], report.Failure.Select(s => s.Code));
        Assert.Contains(report.Success, s => s.Code == ValidationCodes.AssertionDataHashMatch);
    }

    [Fact]
    public async Task Verify_CIESigCA_ValidBecauseIngredientRecordedItsBadSignature()
    {
        var report = await VerifyFixtureAsync("CIE-sig-CA.jpg");

        // c2pa-rs: Valid; the ingredient's claimSignature.mismatch was recorded in the ingredient
        // assertion when it was added, so it is not a new delta.
        Assert.Equal(C2paValidationState.Valid, report.State);
        Assert.Empty(report.Failure);
        var delta = Assert.Single(report.IngredientDeltas, d => d.IngredientAssertionUri.EndsWith("c2pa.ingredient.v2", StringComparison.Ordinal) && d.Success.Count > 0);
        Assert.Contains(delta.Success, s => s.Code == ValidationCodes.IngredientManifestValidated);
        Assert.Empty(delta.Failure);
    }

    [Fact]
    public async Task Verify_CACA_NestedIngredientStatusRecordedAtIngestIsNotADelta()
    {
        var report = await VerifyFixtureAsync("CACA.jpg");

        // c2pa-rs drops statuses an ingredient assertion already recorded, wherever they came from:
        // what is left is the hash match of the ingredient manifest (c2pa-rs adds ocsp.skipped, not emitted here).
        var delta = Assert.Single(report.IngredientDeltas);
        Assert.Equal([ValidationCodes.IngredientManifestValidated], delta.Success.Select(s => s.Code));
        Assert.Empty(delta.Informational);
    }

    [Fact]
    public async Task Verify_CA_SummarisesManifestsAndIngredient()
    {
        var report = await VerifyFixtureAsync("CA.jpg");

        var active = Assert.Single(report.Manifests, m => m.Label == report.ActiveManifest);
        Assert.Equal("image/jpeg", active.Format);
        Assert.NotNull(active.Signature);
        Assert.Contains("c2pa.hash.data", active.AssertionLabels);
        var ingredient = Assert.Single(active.Ingredients);
        Assert.Equal("parentOf", ingredient.Relationship);
        var json = C2paReportJson.Write(report);
        Assert.Contains("\"activeManifest\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExpiredSigner_WithoutTimestamp_ReportsExpired()
    {
        var report = await VerifyFixtureAsync("C.jpg", new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(C2paValidationState.Invalid, report.State);
        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialExpired);
    }

    [Fact]
    public async Task Verify_UnknownFormat_GeneralError()
    {
        var verifier = new C2paVerifier([new JpegContainer()], new FixedTime(SigningDay));
        using var png = new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var report = await verifier.VerifyAsync(png, C2paTrust.None, TestContext.Current.CancellationToken);

        Assert.Equal(C2paValidationState.Invalid, report.State);
        Assert.Equal([ValidationCodes.GeneralError], report.Failure.Select(s => s.Code));
    }

    [Fact]
    public async Task Verify_JpegWithoutManifest_ClaimMissing()
    {
        var verifier = new C2paVerifier([new JpegContainer()], new FixedTime(SigningDay));
        using var jpeg = new MemoryStream([0xFF, 0xD8, 0xFF, 0xD9]);

        var report = await verifier.VerifyAsync(jpeg, C2paTrust.None, TestContext.Current.CancellationToken);

        Assert.Equal([ValidationCodes.ClaimMissing], report.Failure.Select(s => s.Code));
    }

    [Fact]
    public async Task Verify_TruncatedFixture_InvalidNeverThrows()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", "CA.jpg"), TestContext.Current.CancellationToken);
        var verifier = new C2paVerifier([new JpegContainer()], new FixedTime(SigningDay));
        foreach (var length in new[] { 4, 100, 1000, 5000, 20_000, 60_000, bytes.Length - 1 })
        {
            using var cut = new MemoryStream(bytes[..length]);
            var report = await verifier.VerifyAsync(cut, C2paTrust.None, TestContext.Current.CancellationToken);
            Assert.Equal(C2paValidationState.Invalid, report.State);
        }
    }
}
