using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>Stores built in the test with a known PKI: trust, certificate profile and structural checks.</summary>
public sealed class SelfMadeStoreTests : IDisposable
{
    private const string Label = "urn:c2pa:00000000-0000-4000-8000-000000000001";
    private readonly TestPki _pki = new();

    internal static Task<C2paReport> VerifyAsync(byte[] store, C2paTrust? trust = null) =>
        new C2paVerifier([], new FixedTime(TestPki.SigningTime)).VerifyStoreAsync(store, trust ?? C2paTrust.None, TestContext.Current.CancellationToken);

    private byte[] Signed(StoreBuilder? builder = null)
    {
        var (leaf, key) = _pki.Leaf();
        using (leaf)
        using (key)
        {
            return (builder ?? new StoreBuilder()).Store(Label, [leaf.RawData, _pki.Root.RawData], key);
        }
    }

    [Fact]
    public async Task VerifyStore_ChainToAnchor_Trusted()
    {
        var report = await VerifyAsync(Signed(), new C2paTrust(new X509Certificate2Collection(_pki.Root)));

        Assert.Empty(report.Failure);
        Assert.Equal(C2paValidationState.Trusted, report.State);
        Assert.True(report.Has(ValidationCodes.SigningCredentialTrusted));
        Assert.True(report.Has(ValidationCodes.AssertionHashedUriMatch));
        var manifest = Assert.Single(report.Manifests);
        Assert.Equal("Takt Studio", manifest.Signature?.Issuer);
        Assert.Equal("ES256", manifest.Signature?.Alg);
        Assert.Equal("Takt tests", manifest.ClaimGeneratorName);
    }

    [Fact]
    public async Task VerifyStore_NoAnchors_ValidWithoutTrustStatus()
    {
        var report = await VerifyAsync(Signed());

        Assert.Equal(C2paValidationState.Valid, report.State);
        Assert.False(report.Has(ValidationCodes.SigningCredentialTrusted));
        Assert.False(report.Has(ValidationCodes.SigningCredentialUntrusted));
    }

    [Fact]
    public async Task VerifyStore_OtherAnchor_ValidButUntrusted()
    {
        using var other = new TestPki("Someone Else");
        var report = await VerifyAsync(Signed(), new C2paTrust(new X509Certificate2Collection(other.Root)));

        Assert.Equal(C2paValidationState.Valid, report.State);
        Assert.Equal([ValidationCodes.SigningCredentialUntrusted], report.Failure.Select(s => s.Code));
    }

    [Fact]
    public async Task VerifyStore_LeafWithoutEku_SigningCredentialInvalid()
    {
        var (leaf, key) = _pki.Leaf(omitEku: true);
        using (leaf)
        using (key)
        {
            var report = await VerifyAsync(new StoreBuilder().Store(Label, [leaf.RawData], key));

            Assert.Equal(C2paValidationState.Invalid, report.State);
            var failure = Assert.Single(report.Failure);
            Assert.Equal(ValidationCodes.SigningCredentialInvalid, failure.Code);
            Assert.Contains("params incorrect", failure.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VerifyStore_ServerAuthOnlyEku_MissingRequiredEku()
    {
        var (leaf, key) = _pki.Leaf(ekus: ["1.3.6.1.5.5.7.3.1"]);
        using (leaf)
        using (key)
        {
            var report = await VerifyAsync(new StoreBuilder().Store(Label, [leaf.RawData], key));

            Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialInvalid && s.Explanation.Contains("missing required EKU", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task VerifyStore_CaAsSigner_SigningCredentialInvalid()
    {
        var (ca, key) = TestPki.SelfSignedCa();
        using (ca)
        using (key)
        {
            var report = await VerifyAsync(new StoreBuilder().Store(Label, [ca.RawData], key));

            Assert.Equal(C2paValidationState.Invalid, report.State);
            Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialInvalid && s.Explanation.Contains("self-signed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task VerifyStore_IssuedCaAsSigner_ExpectedEndEntity()
    {
        var (leaf, key) = _pki.Leaf(ca: true);
        using (leaf)
        using (key)
        {
            var report = await VerifyAsync(new StoreBuilder().Store(Label, [leaf.RawData], key));

            Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialInvalid);
        }
    }

    [Fact]
    public async Task VerifyStore_DerEcdsaSignature_SigningCredentialInvalid()
    {
        var report = await VerifyAsync(Signed(new StoreBuilder { DerSignature = true }));

        Assert.Equal(C2paValidationState.Invalid, report.State);
        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialInvalid && s.Explanation.Contains("P1363", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyStore_UnknownAlgorithm_AlgorithmUnsupported()
    {
        var report = await VerifyAsync(Signed(new StoreBuilder { Algorithm = -65535 }));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.AlgorithmUnsupported);
        Assert.Equal(C2paValidationState.Invalid, report.State);
    }

    [Fact]
    public async Task VerifyStore_AlteredClaim_ClaimSignatureMismatch()
    {
        var builder = new StoreBuilder { EditCose = null };
        var store = Signed(builder);
        // Flip a byte inside the claim's title ("test.jpg" → "uest.jpg") after signing.
        var at = store.AsSpan().IndexOf("test.jpg"u8);
        store[at] ^= 0x01;
        var report = await VerifyAsync(store);

        Assert.Equal([ValidationCodes.ClaimSignatureMismatch], report.Failure.Select(s => s.Code));
    }

    [Fact]
    public async Task VerifyStore_AssertionChanged_HashedUriMismatch()
    {
        var builder = new StoreBuilder();
        builder.EditReferences = r => [.. r.Select(x => (x.Url, new byte[32]))];
        var report = await VerifyAsync(Signed(builder));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.AssertionHashedUriMismatch
            && s.Url == $"self#jumbf=/c2pa/{Label}/c2pa.assertions/c2pa.hash.data");
    }

    [Fact]
    public async Task VerifyStore_ReferenceToAbsentAssertion_AssertionMissing()
    {
        var builder = new StoreBuilder();
        builder.EditReferences = r => [.. r, ("self#jumbf=c2pa.assertions/c2pa.actions.v2", new byte[32])];
        var report = await VerifyAsync(Signed(builder));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.AssertionMissing);
    }

    [Fact]
    public async Task VerifyStore_NoHardBinding_HardBindingsMissing()
    {
        var builder = new StoreBuilder();
        builder.Assertions.Clear();
        builder.Assertions.Add(("org.takt.lineage", new byte[] { 0xA1, 0x61, 0x61, 0x01 }));
        var report = await VerifyAsync(Signed(builder));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.HardBindingsMissing);
        Assert.Equal("{\"a\":1}", report.Manifests[0].Lineage?.ToJsonString());
    }

    [Fact]
    public async Task VerifyStore_TrainingMining_SummarisedPerEntry()
    {
        var w = new System.Formats.Cbor.CborWriter();
        w.WriteStartMap(1);
        w.WriteTextString("entries");
        w.WriteStartMap(2);
        foreach (var (key, use) in new[] { ("cawg.ai_generative_training", "notAllowed"), ("cawg.data_mining", "allowed") })
        {
            w.WriteTextString(key);
            w.WriteStartMap(1);
            w.WriteTextString("use");
            w.WriteTextString(use);
            w.WriteEndMap();
        }

        w.WriteEndMap();
        w.WriteEndMap();
        var builder = new StoreBuilder();
        builder.Assertions.Add(("cawg.training-mining", w.Encode()));
        var report = await VerifyAsync(Signed(builder));

        Assert.Equal(C2paValidationState.Valid, report.State);
        var uses = report.Manifests[0].TrainingMining;
        Assert.NotNull(uses);
        Assert.Equal("notAllowed", uses["cawg.ai_generative_training"]);
        Assert.Equal("allowed", uses["cawg.data_mining"]);
    }

    [Fact]
    public async Task VerifyStore_TwoHardBindings_MultipleHardBindings()
    {
        var builder = new StoreBuilder();
        builder.Assertions.Add(("c2pa.hash.data__1", StoreBuilder.DataHash()));
        var report = await VerifyAsync(Signed(builder));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.HardBindingsMultiple);
    }

    [Fact]
    public async Task VerifyStore_IngredientManifestAbsent_IngredientManifestMissing()
    {
        var builder = new StoreBuilder();
        builder.Assertions.Add(("c2pa.ingredient", StoreBuilder.Ingredient("parent.jpg", "parentOf", "self#jumbf=/c2pa/urn:c2pa:gone", null)));
        var report = await VerifyAsync(Signed(builder));

        Assert.Equal(C2paValidationState.Invalid, report.State);
        var delta = Assert.Single(report.IngredientDeltas);
        Assert.Contains(delta.Failure, s => s.Code == ValidationCodes.IngredientManifestMissing);
    }

    [Fact]
    public async Task VerifyStore_IngredientManifestPresent_ValidatedAndWalked()
    {
        var (leaf, key) = _pki.Leaf();
        using (leaf)
        using (key)
        {
            const string parent = "urn:c2pa:00000000-0000-4000-8000-0000000000aa";
            var parentManifest = new StoreBuilder().Manifest(parent, [leaf.RawData], key);
            var builder = new StoreBuilder();
            builder.EarlierManifests.Add(parentManifest);
            builder.Assertions.Add(("c2pa.ingredient.v2", StoreBuilder.Ingredient("parent.jpg", "parentOf", $"self#jumbf=/c2pa/{parent}", SHA256.HashData(parentManifest.AsSpan(8)))));
            var report = await VerifyAsync(builder.Store(Label, [leaf.RawData], key));

            Assert.Equal(C2paValidationState.Valid, report.State);
            var delta = Assert.Single(report.IngredientDeltas);
            Assert.Contains(delta.Success, s => s.Code == ValidationCodes.IngredientManifestValidated);
            Assert.Contains(delta.Success, s => s.Code == ValidationCodes.ClaimSignatureValidated);
            Assert.Equal(parent, report.Manifests[1].Ingredients.Single().ManifestLabel);
        }
    }

    [Fact]
    public async Task VerifyStore_TimestampGenTime_ReplacesNowAsSigningTime()
    {
        var genTime = TestPki.NotAfter.AddDays(30);
        var stamps = new StubTimestamps(new TimestampCheckResult([new ValidationStatus(ValidationCodes.TimeStampValidated, ValidationStatusKind.Success, null, "stub")], genTime));
        var verifier = new C2paVerifier([], new FixedTime(TestPki.SigningTime), stamps);

        var report = await verifier.VerifyStoreAsync(Signed(), C2paTrust.None, TestContext.Current.CancellationToken);

        Assert.True(report.Has(ValidationCodes.TimeStampValidated));
        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialExpired);
        Assert.Equal(genTime, report.Manifests[0].Signature?.Time);
        Assert.Equal($"self#jumbf=/c2pa/{Label}/c2pa.signature", stamps.Seen?.SignatureUrl);
    }

    public void Dispose() => _pki.Dispose();

    private sealed class StubTimestamps(TimestampCheckResult result) : ITimestampCheck
    {
        public TimestampEvidence? Seen { get; private set; }

        public Task<TimestampCheckResult> CheckAsync(TimestampEvidence evidence, C2paTrust trust, CancellationToken cancellationToken)
        {
            Seen = evidence;
            return Task.FromResult(result);
        }
    }
}
