using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Takt.Archive.Signals;
using Takt.Provenance.C2pa.Signing;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// The time-stamp in a file c2pa-rs signed: proves <see cref="CoseTimestamps"/> rebuilds the exact
/// bytes the reference implementation sent its TSA, and that a real TSA's token verifies.
/// </summary>
public sealed class C2paRsTimestampFixtureTests
{
    private sealed record SignatureParts(byte[] Claim, byte[] ProtectedHeader, byte[] Signature, string Label, IReadOnlyList<byte[]> Tokens);

    [Theory]
    [InlineData("C.jpg", CoseTimestamps.V1Label)]
    [InlineData("CACA.jpg", CoseTimestamps.V2Label)]
    public void ActiveManifest_TimeStamp_ValidatedOverTheBytesItsClaimVersionStamps(string fixture, string expectedLabel)
    {
        var parts = ReadActiveSignature(Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", fixture));
        Assert.Equal(expectedLabel, parts.Label);
        var v1Data = CoseTimestamps.V1StampedData(parts.ProtectedHeader, parts.Claim);
        var v2Data = CoseTimestamps.V2StampedData(parts.ProtectedHeader, parts.Signature);
        var (stamped, other) = parts.Label == CoseTimestamps.V1Label ? (v1Data, v2Data) : (v2Data, v1Data);

        var verification = TimestampVerifier.Verify(Assert.Single(parts.Tokens), stamped, trustAnchors: null);

        // Without the TSA's root among the anchors the token is genuine but not trusted.
        Assert.Equal(
            [ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampUntrusted],
            verification.Statuses.Select(s => s.Code));
        Assert.NotNull(verification.GenTime);

        // Anchored on DigiCert's root (the tokens carry a cross-signed copy, not the anchor), a real
        // TSA's token passes the EKU, chain and .NET RFC 3161 (ESSCertID) checks too.
        using var root = X509CertificateLoader.LoadCertificateFromFile(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "trust", "DigiCert_Trusted_Root_G4.pem"));
        var trusted = TimestampVerifier.Verify(parts.Tokens[0], stamped, [root]);
        Assert.True(
            trusted.Statuses.Select(s => s.Code).SequenceEqual([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampTrusted]),
            string.Join(" | ", trusted.Statuses.Select(s => s.Explanation)));
        Assert.True(trusted.IsTrusted);

        // The other version's rule stamps different bytes, so the same token must not match them.
        var wrongRule = TimestampVerifier.Verify(parts.Tokens[0], other, trustAnchors: null);
        Assert.Equal([ValidationCodes.TimeStampMismatch], wrongRule.Statuses.Select(s => s.Code));
    }

    private static SignatureParts ReadActiveSignature(string path)
    {
        var file = File.ReadAllBytes(path);
        var store = C2paManifestLocator.Find(file, []) ?? throw new InvalidOperationException("no manifest store");
        var storeBox = JumbfParser.Parse(store).Single(b => b.IsSuperbox && b.Label == "c2pa");
        var manifest = storeBox.Superboxes.Last();
        var claimBox = manifest.Superboxes.Single(b => b.HasLabel("c2pa.claim") || b.HasLabel("c2pa.claim.v2"));
        var signatureBox = manifest.Superboxes.Single(b => b.HasLabel("c2pa.signature"));
        var claim = claimBox.Children.Single(c => c.Type == "cbor").Content(store).ToArray();
        var cose = signatureBox.Children.Single(c => c.Type == "cbor").Content(store).ToArray();

        // COSE_Sign1_Tagged = 18([protected bstr, unprotected map, payload nil, signature bstr]);
        // the signature box may be zero-padded after it, hence Lax and no end check.
        var reader = new CborReader(cose, CborConformanceMode.Lax);
        if (reader.PeekState() == CborReaderState.Tag)
        {
            Assert.Equal((CborTag)18, reader.ReadTag());
        }

        reader.ReadStartArray();
        var protectedHeader = reader.ReadByteString();
        var label = "";
        IReadOnlyList<byte[]>? tokens = null;
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            // Labels are integers or text; only the text labels sigTst/sigTst2 matter here.
            string? key = null;
            if (reader.PeekState() == CborReaderState.TextString)
            {
                key = reader.ReadTextString();
            }
            else
            {
                reader.SkipValue();
            }

            if (key is CoseTimestamps.V1Label or CoseTimestamps.V2Label)
            {
                label = key;
                tokens = CoseTimestamps.ReadTstContainer(reader);
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndMap();
        reader.SkipValue();
        var signature = reader.ReadByteString();
        return new SignatureParts(claim, protectedHeader, signature, label, tokens ?? throw new InvalidOperationException("no tstContainer"));
    }
}
