using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// Builds small C2PA manifest stores byte by byte (JUMBF + CBOR + COSE_Sign1), so tests can
/// produce exactly the good and broken shapes they need without a signer implementation.
/// </summary>
internal sealed class StoreBuilder
{
    private static readonly byte[] CborUuid = Convert.FromHexString("63626F7200110010800000AA00389B71");
    private static readonly byte[] StoreUuid = Convert.FromHexString("6332706100110010800000AA00389B71");
    private static readonly byte[] ManifestUuid = Convert.FromHexString("63326D6100110010800000AA00389B71");
    private static readonly byte[] AssertionStoreUuid = Convert.FromHexString("6332617300110010800000AA00389B71");
    private static readonly byte[] ClaimUuid = Convert.FromHexString("6332636C00110010800000AA00389B71");
    private static readonly byte[] SignatureUuid = Convert.FromHexString("6332637300110010800000AA00389B71");

    public List<(string Label, byte[] Cbor)> Assertions { get; } = [("c2pa.hash.data", DataHash())];

    /// <summary>Applied to the hashed-URI list before it goes into the claim (drop, duplicate, corrupt).</summary>
    public Func<List<(string Url, byte[] Hash)>, List<(string Url, byte[] Hash)>> EditReferences { get; set; } = r => r;

    public Func<byte[], byte[]>? EditClaim { get; set; }

    public long Algorithm { get; set; } = -7;

    public bool DerSignature { get; set; }

    public Func<byte[], byte[]>? EditCose { get; set; }

    /// <summary>Signs the Sig_structure instead of the ECDSA key (Ed25519 tests).</summary>
    public Func<byte[], byte[]>? Signer { get; set; }

    /// <summary>Manifests placed before the active one (already built superboxes).</summary>
    public List<byte[]> EarlierManifests { get; } = [];

    public static byte[] Box(string type, params byte[][] content)
    {
        var length = 8 + content.Sum(c => c.Length);
        var box = new byte[length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)length);
        Encoding.ASCII.GetBytes(type, box.AsSpan(4));
        var at = 8;
        foreach (var c in content)
        {
            c.CopyTo(box, at);
            at += c.Length;
        }

        return box;
    }

    public static byte[] Superbox(byte[] uuid, string label, params byte[][] children)
    {
        var description = Box("jumd", [.. uuid, 0x03, .. Encoding.UTF8.GetBytes(label), 0]);
        return Box("jumb", [description, .. children]);
    }

    public static byte[] DataHash()
    {
        var w = new CborWriter();
        w.WriteStartMap(3);
        w.WriteTextString("exclusions");
        w.WriteStartArray(1);
        w.WriteStartMap(2);
        w.WriteTextString("start");
        w.WriteInt32(20);
        w.WriteTextString("length");
        w.WriteInt32(100);
        w.WriteEndMap();
        w.WriteEndArray();
        w.WriteTextString("alg");
        w.WriteTextString("sha256");
        w.WriteTextString("hash");
        w.WriteByteString(new byte[32]);
        w.WriteEndMap();
        return w.Encode();
    }

    public static byte[] Ingredient(string title, string relationship, string? manifestUrl, byte[]? manifestHash)
    {
        var w = new CborWriter();
        w.WriteStartMap(manifestUrl is null ? 2 : 3);
        w.WriteTextString("dc:title");
        w.WriteTextString(title);
        w.WriteTextString("relationship");
        w.WriteTextString(relationship);
        if (manifestUrl is not null)
        {
            w.WriteTextString("c2pa_manifest");
            WriteHashedUri(w, manifestUrl, manifestHash ?? new byte[32]);
        }

        w.WriteEndMap();
        return w.Encode();
    }

    /// <summary>Builds one manifest superbox signed by <paramref name="key"/> with <paramref name="chain"/> as x5chain.</summary>
    public byte[] Manifest(string label, IReadOnlyList<byte[]> chain, ECDsa? key)
    {
        var assertionBoxes = Assertions.Select(a => Superbox(CborUuid, a.Label, Box("cbor", a.Cbor))).ToList();
        var references = Assertions.Select((a, i) => ($"self#jumbf=c2pa.assertions/{a.Label}", SHA256.HashData(assertionBoxes[i].AsSpan(8)))).ToList();
        var claim = Claim(EditReferences(references));
        claim = EditClaim?.Invoke(claim) ?? claim;
        var cose = Cose(claim, chain, key);
        cose = EditCose?.Invoke(cose) ?? cose;
        return Superbox(ManifestUuid, label,
            Superbox(AssertionStoreUuid, "c2pa.assertions", [.. assertionBoxes]),
            Superbox(ClaimUuid, "c2pa.claim.v2", Box("cbor", claim)),
            Superbox(SignatureUuid, "c2pa.signature", Box("cbor", cose)));
    }

    public byte[] Store(string label, IReadOnlyList<byte[]> chain, ECDsa? key) =>
        Superbox(StoreUuid, "c2pa", [.. EarlierManifests, Manifest(label, chain, key)]);

    private static byte[] Claim(List<(string Url, byte[] Hash)> references)
    {
        var w = new CborWriter();
        w.WriteStartMap(6);
        w.WriteTextString("instanceID");
        w.WriteTextString("xmp:iid:test");
        w.WriteTextString("claim_generator_info");
        w.WriteStartMap(2);
        w.WriteTextString("name");
        w.WriteTextString("Takt tests");
        w.WriteTextString("version");
        w.WriteTextString("1.0");
        w.WriteEndMap();
        w.WriteTextString("signature");
        w.WriteTextString("self#jumbf=c2pa.signature");
        w.WriteTextString("created_assertions");
        w.WriteStartArray(references.Count);
        foreach (var (url, hash) in references)
        {
            WriteHashedUri(w, url, hash);
        }

        w.WriteEndArray();
        w.WriteTextString("dc:title");
        w.WriteTextString("test.jpg");
        w.WriteTextString("alg");
        w.WriteTextString("sha256");
        w.WriteEndMap();
        return w.Encode();
    }

    private static void WriteHashedUri(CborWriter w, string url, byte[] hash)
    {
        w.WriteStartMap(2);
        w.WriteTextString("url");
        w.WriteTextString(url);
        w.WriteTextString("hash");
        w.WriteByteString(hash);
        w.WriteEndMap();
    }

    private byte[] Cose(byte[] claim, IReadOnlyList<byte[]> chain, ECDsa? key)
    {
        var p = new CborWriter();
        p.WriteStartMap(2);
        p.WriteInt32(1);
        p.WriteInt64(Algorithm);
        p.WriteInt32(33);
        if (chain.Count == 1)
        {
            p.WriteByteString(chain[0]);
        }
        else
        {
            p.WriteStartArray(chain.Count);
            foreach (var cert in chain)
            {
                p.WriteByteString(cert);
            }

            p.WriteEndArray();
        }

        p.WriteEndMap();
        var protectedHeader = p.Encode();

        var s = new CborWriter();
        s.WriteStartArray(4);
        s.WriteTextString("Signature1");
        s.WriteByteString(protectedHeader);
        s.WriteByteString([]);
        s.WriteByteString(claim);
        s.WriteEndArray();
        var signature = Signer?.Invoke(s.Encode()) ?? key!.SignData(s.Encode(), HashAlgorithmName.SHA256, DerSignature ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var w = new CborWriter();
        w.WriteTag((CborTag)18);
        w.WriteStartArray(4);
        w.WriteByteString(protectedHeader);
        w.WriteStartMap(0);
        w.WriteEndMap();
        w.WriteNull();
        w.WriteByteString(signature);
        w.WriteEndArray();
        return w.Encode();
    }
}
