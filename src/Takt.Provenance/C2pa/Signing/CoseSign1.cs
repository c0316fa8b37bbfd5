using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// COSE_Sign1 as C2PA uses it (§13.2, RFC 9052 §4.2, RFC 9360): tag 18, protected header
/// <c>{1: alg, 33: x5chain}</c>, a detached payload (the claim), and an unprotected header whose
/// <c>pad</c> byte string makes the whole message fill the reserved signature box exactly.
/// </summary>
internal static class CoseSign1
{
    private const int AlgorithmLabel = 1;
    private const int X5ChainLabel = 33;

    /// <summary>Room left for the pad so its length header never changes width (a 256–65535-byte string).</summary>
    public const int MinimumSlack = 300;

    public static byte[] ProtectedHeader(ClaimSigner signer)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteInt32(AlgorithmLabel);
        writer.WriteInt32(signer.CoseAlgorithm);
        writer.WriteInt32(X5ChainLabel);
        if (signer.Chain.Count == 1)
        {
            writer.WriteByteString(signer.Chain[0].RawData);
        }
        else
        {
            writer.WriteStartArray(signer.Chain.Count);
            foreach (var certificate in signer.Chain)
            {
                writer.WriteByteString(certificate.RawData);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Sig_structure = ["Signature1", protected, external_aad = h'', payload] (RFC 9052 §4.4).</summary>
    public static byte[] ToBeSigned(byte[] protectedHeader, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>
    /// The tagged message, padded to exactly <paramref name="reservedSize"/> bytes.
    /// <paramref name="unprotected"/> entries (e.g. a time-stamp) are written before the pad.
    /// </summary>
    public static byte[] Encode(byte[] protectedHeader, byte[] signature, IReadOnlyList<(string Label, byte[] Cbor)> unprotected, int reservedSize)
    {
        var unpadded = Write(protectedHeader, signature, unprotected, 0);
        var room = reservedSize - unpadded.Length; // an empty pad already costs one byte
        var padLength = room - 2; // a 256–65535-byte string has a 3-byte header, one more than the empty one
        if (padLength is < 256 or > 65535)
        {
            throw new InvalidOperationException($"the signature needs {unpadded.Length} bytes; {reservedSize} were reserved");
        }

        var encoded = Write(protectedHeader, signature, unprotected, padLength);
        return encoded.Length == reservedSize
            ? encoded
            : throw new InvalidOperationException($"the padded signature is {encoded.Length} bytes, not the {reservedSize} reserved");
    }

    /// <summary>Bytes to reserve: an unpadded message with the longest signature, plus the slack the pad needs.</summary>
    public static int Reserve(byte[] protectedHeader, ClaimSigner signer, IReadOnlyList<(string Label, byte[] Cbor)> unprotected, int extra) =>
        Write(protectedHeader, new byte[signer.MaxSignatureLength], unprotected, 0).Length + MinimumSlack + extra;

    private static byte[] Write(byte[] protectedHeader, byte[] signature, IReadOnlyList<(string Label, byte[] Cbor)> unprotected, int padLength)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteTag((CborTag)18);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        writer.WriteStartMap(unprotected.Count + 1);
        foreach (var (label, cbor) in unprotected)
        {
            writer.WriteTextString(label);
            writer.WriteEncodedValue(cbor);
        }

        writer.WriteTextString("pad");
        writer.WriteByteString(new byte[padLength]);
        writer.WriteEndMap();
        writer.WriteNull();
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
