using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// What a C2PA claim signature time-stamps and where the token goes, as c2pa-rs does it
/// (<c>sdk/src/crypto/cose/sign.rs</c> <c>sign_v1</c>/<c>sign_v2_embedded</c>,
/// <c>sdk/src/crypto/cose/sigtst.rs</c> <c>cose_countersign_data</c>, <c>add_sigtst_header</c>,
/// <c>validate_cose_tst_info</c>).
/// </summary>
/// <remarks>
/// Both versions send the TSA a COSE countersignature structure (RFC 9052 §4.4,
/// <c>["CounterSignature", body_protected, external_aad = h'', payload]</c>, no sign_protected).
/// They differ in the payload: claim v1 (<c>sigTst</c>) stamps the claim bytes before signing;
/// claim v2 (<c>sigTst2</c>) signs first and stamps the CBOR byte string holding the signature,
/// so the time-stamp also proves when the signature existed. The unprotected header value is a
/// <c>tstContainer</c>: <c>{"tstTokens": [{"val": bstr}]}</c>. In <c>sigTst2</c> <c>val</c> is a
/// TimeStampToken; c2pa-rs wrote whole TimeStampResp structures into v1 <c>sigTst</c>, so a reader
/// must accept both (<see cref="Verification.TimestampVerifier"/> does).
/// </remarks>
public static class CoseTimestamps
{
    public const string V1Label = "sigTst";
    public const string V2Label = "sigTst2";

    private const string CounterSignatureContext = "CounterSignature";

    /// <summary>
    /// The RFC 9052 countersignature structure over <paramref name="payload"/>, with the signature's
    /// serialized protected header as body_protected and an empty external_aad.
    /// </summary>
    public static byte[] CounterSignatureData(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartArray(4);
        writer.WriteTextString(CounterSignatureContext);
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>The bytes sent to the TSA for a claim v1 signature (<c>sigTst</c>): the claim itself.</summary>
    public static byte[] V1StampedData(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> claim) =>
        CounterSignatureData(protectedHeader, claim);

    /// <summary>
    /// The bytes sent to the TSA for a claim v2 signature (<c>sigTst2</c>): the payload is the
    /// signature wrapped as a CBOR byte string, not the claim.
    /// </summary>
    public static byte[] V2StampedData(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> signature)
    {
        var wrapped = new CborWriter(CborConformanceMode.Canonical);
        wrapped.WriteByteString(signature);
        return CounterSignatureData(protectedHeader, wrapped.Encode());
    }

    /// <summary>Writes the <c>sigTst2</c> label and its tstContainer into an open unprotected-header map.</summary>
    public static void WriteSigTst2Entry(CborWriter writer, ReadOnlySpan<byte> token)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteTextString(V2Label);
        WriteTstContainer(writer, token);
    }

    /// <summary>Writes <c>{"tstTokens": [{"val": token}]}</c>; C2PA allows one token per signature.</summary>
    public static void WriteTstContainer(CborWriter writer, ReadOnlySpan<byte> token)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartMap(1);
        writer.WriteTextString("tstTokens");
        writer.WriteStartArray(1);
        writer.WriteStartMap(1);
        writer.WriteTextString("val");
        writer.WriteByteString(token);
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteEndMap();
    }

    /// <summary>
    /// Reads a tstContainer from a reader positioned at the header value. Returns the tokens, or
    /// null when the value is not a well-formed container (a verifier reports that as
    /// <c>timeStamp.malformed</c>). Unknown keys are skipped, as serde does in c2pa-rs.
    /// </summary>
    public static IReadOnlyList<byte[]>? ReadTstContainer(CborReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return ReadContainer(reader);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static List<byte[]>? ReadContainer(CborReader reader)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            return null;
        }

        List<byte[]>? tokens = null;
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (ReadKeyIs(reader, "tstTokens"))
            {
                if (tokens is not null || reader.PeekState() != CborReaderState.StartArray)
                {
                    return null;
                }

                tokens = [];
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    if (ReadToken(reader) is not { } token)
                    {
                        return null;
                    }

                    tokens.Add(token);
                }

                reader.ReadEndArray();
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndMap();
        return tokens;
    }

    private static byte[]? ReadToken(CborReader reader)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            return null;
        }

        byte[]? value = null;
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (ReadKeyIs(reader, "val"))
            {
                if (value is not null || reader.PeekState() != CborReaderState.ByteString)
                {
                    return null;
                }

                value = reader.ReadByteString();
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndMap();
        return value;
    }

    /// <summary>Consumes one map key; keys that are not text are skipped whole so the value stays paired.</summary>
    private static bool ReadKeyIs(CborReader reader, string name)
    {
        if (reader.PeekState() == CborReaderState.TextString)
        {
            return reader.ReadTextString() == name;
        }

        reader.SkipValue();
        return false;
    }
}
