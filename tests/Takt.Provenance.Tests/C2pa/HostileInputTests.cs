using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>Malformed and malicious stores: each must give an Invalid report quickly, never an exception.</summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Label = "urn:c2pa:00000000-0000-4000-8000-000000000002";
    private readonly TestPki _pki = new();

    private byte[] Signed(StoreBuilder? builder = null, IReadOnlyList<byte[]>? chain = null)
    {
        var (leaf, key) = _pki.Leaf();
        using (leaf)
        using (key)
        {
            return (builder ?? new StoreBuilder()).Store(Label, chain ?? [leaf.RawData, _pki.Root.RawData], key);
        }
    }

    private static async Task<C2paReport> InvalidAsync(byte[] store, C2paTrust? trust = null)
    {
        var watch = Stopwatch.StartNew();
        var report = await SelfMadeStoreTests.VerifyAsync(store, trust);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"verification took {watch.Elapsed}");
        Assert.Equal(C2paValidationState.Invalid, report.State);
        Assert.NotEmpty(report.Failure);
        Assert.All(report.Failure, s => Assert.False(string.IsNullOrWhiteSpace(s.Explanation)));
        return report;
    }

    [Fact]
    public async Task VerifyStore_EveryTruncation_InvalidNeverThrows()
    {
        var store = Signed();
        for (var length = 0; length < store.Length; length += 7)
        {
            await InvalidAsync(store[..length]);
        }
    }

    [Fact]
    public async Task VerifyStore_BoxLengthsRewritten_InvalidNeverThrows()
    {
        var store = Signed();
        var jumbAt = new List<int>();
        for (var i = 4; i + 4 <= store.Length; i++)
        {
            if (store.AsSpan(i, 4).SequenceEqual("jumb"u8) || store.AsSpan(i, 4).SequenceEqual("cbor"u8) || store.AsSpan(i, 4).SequenceEqual("jumd"u8))
            {
                jumbAt.Add(i - 4);
            }
        }

        foreach (var at in jumbAt)
        {
            foreach (var size in new uint[] { 0, 1, 7, 9, uint.MaxValue, 0x7FFFFFFF })
            {
                var copy = store.ToArray();
                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at), size);
                var report = await SelfMadeStoreTests.VerifyAsync(copy);
                // Size 0 means "to the end" and can still parse; every other outcome must be a verdict.
                Assert.True(report.State == C2paValidationState.Invalid || size == 0, $"size {size} at {at} gave {report.State}");
            }
        }
    }

    [Fact]
    public async Task VerifyStore_RandomByteFlips_NeverThrow()
    {
        var store = Signed();
        var random = new Random(20261123);
        for (var i = 0; i < 300; i++)
        {
            var copy = store.ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
            }

            var report = await SelfMadeStoreTests.VerifyAsync(copy);
            Assert.NotNull(report);
        }
    }

    [Fact]
    public async Task VerifyStore_DeeplyNestedClaim_ClaimCborInvalid()
    {
        var bomb = new byte[100_000];
        bomb.AsSpan().Fill(0x81); // array of one element, 100 000 deep
        var report = await InvalidAsync(Signed(new StoreBuilder { EditClaim = _ => bomb }));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.ClaimCborInvalid && s.Explanation.Contains("depth", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task VerifyStore_HugeDeclaredLengths_ClaimCborInvalid()
    {
        byte[][] bombs =
        [
            [0x5B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00], // bstr of 2^63 bytes
            [0x9B, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00], // array of 4 G items
            [0xBB, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00], // map of 4 G entries
            [0x7A, 0xFF, 0xFF, 0xFF, 0xFF, 0x61], // text of 4 GB
        ];
        foreach (var bomb in bombs)
        {
            var report = await InvalidAsync(Signed(new StoreBuilder { EditClaim = _ => bomb }));
            Assert.Contains(report.Failure, s => s.Code == ValidationCodes.ClaimCborInvalid);
        }
    }

    [Fact]
    public async Task VerifyStore_ClaimMissingFields_RequiredMissing()
    {
        var report = await InvalidAsync(Signed(new StoreBuilder { EditClaim = _ => [0xA1, 0x61, 0x61, 0x01] }));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.ClaimRequiredMissing);
    }

    [Fact]
    public async Task VerifyStore_GarbageCose_ClaimSignatureMismatch()
    {
        var garbage = RandomNumberGenerator.GetBytes(300);
        garbage[0] = 0x84; // an array, so the parser gets past the first byte
        var report = await InvalidAsync(Signed(new StoreBuilder { EditCose = _ => garbage }));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.ClaimSignatureMismatch);
    }

    [Fact]
    public async Task VerifyStore_GarbageCertificate_SigningCredentialInvalid()
    {
        var report = await InvalidAsync(Signed(chain: [[0x30, 0x03, 0x02, 0x01, 0x01]]));

        Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialInvalid);
    }

    [Fact]
    public async Task VerifyStore_HugeX5Chain_RejectedWithoutParsingEveryCertificate()
    {
        var (leaf, _) = _pki.Leaf();
        using (leaf)
        {
            var chain = Enumerable.Repeat(leaf.RawData, 5_000).ToList();
            var report = await InvalidAsync(Signed(chain: chain));

            Assert.Contains(report.Failure, s => s.Explanation.Contains("x5chain", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task VerifyStore_LoopingIssuerChain_UntrustedAndBounded()
    {
        // Two CAs that each issued the other: a chain builder that follows issuers naively never stops.
        using var keyA = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var keyB = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caA = CrossCa("CN=Loop A", keyA, "CN=Loop B", keyB);
        using var caB = CrossCa("CN=Loop B", keyB, "CN=Loop A", keyA);
        var (leaf, leafKey) = _pki.Leaf();
        using (leaf)
        using (leafKey)
        {
            var store = new StoreBuilder().Store(Label, [leaf.RawData, caA.RawData, caB.RawData, caA.RawData], leafKey);
            using var unrelated = new TestPki("Unrelated");
            var watch = Stopwatch.StartNew();
            var report = await SelfMadeStoreTests.VerifyAsync(store, new C2paTrust(new X509Certificate2Collection(unrelated.Root)));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
            Assert.Contains(report.Failure, s => s.Code == ValidationCodes.SigningCredentialUntrusted);
        }
    }

    [Fact]
    public async Task VerifyStore_NotAStore_ClaimMissing()
    {
        await InvalidAsync([]);
        await InvalidAsync("garbage that is not jumbf"u8.ToArray());
        await InvalidAsync(StoreBuilder.Superbox(new byte[16], "c2pa"));
    }

    [Fact]
    public async Task VerifyStore_DeeplyNestedJumbf_Invalid()
    {
        var box = StoreBuilder.Box("cbor", [0xA0]);
        for (var i = 0; i < 40; i++)
        {
            box = StoreBuilder.Superbox(new byte[16], "c2pa", box);
        }

        await InvalidAsync(box);
    }

    private static X509Certificate2 CrossCa(string subject, ECDsa subjectKey, string issuer, ECDsa issuerKey)
    {
        var request = new CertificateRequest(subject, subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(new X500DistinguishedName(issuer), generator, TestPki.NotBefore, TestPki.NotAfter, [1, 2, 3]);
    }

    public void Dispose() => _pki.Dispose();
}
