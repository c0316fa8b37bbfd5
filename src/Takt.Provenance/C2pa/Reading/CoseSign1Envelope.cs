using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Reading;

/// <summary>
/// The parts of a C2PA claim signature (COSE_Sign1, RFC 9052 §4.2) the verifier needs: the
/// protected header bytes exactly as signed, the algorithm, the certificate chain (leaf first),
/// the raw unprotected header entries (time-stamps, OCSP), and the signature.
/// </summary>
internal sealed record CoseSign1Envelope(
    byte[] ProtectedHeader,
    long? Algorithm,
    IReadOnlyList<byte[]> CertificateChain,
    IReadOnlyDictionary<string, byte[]> Unprotected,
    byte[] Signature)
{
    public const int MaxChainLength = 10;
    private const int HeaderAlg = 1;
    private const int HeaderX5Chain = 33;

    /// <summary>Parses a (tagged or untagged) COSE_Sign1; throws <see cref="FormatException"/> naming the problem.</summary>
    public static CoseSign1Envelope Parse(ReadOnlyMemory<byte> cose)
    {
        try
        {
            var reader = new CborReader(cose, CborConformanceMode.Lax);
            if (reader.PeekState() == CborReaderState.Tag && reader.ReadTag() != (CborTag)18)
            {
                throw new FormatException("COSE signature carries a tag other than 18 (COSE_Sign1)");
            }

            if (reader.ReadStartArray() != 4)
            {
                throw new FormatException("COSE_Sign1 is not a four-element array");
            }

            var protectedBytes = reader.ReadByteString();
            var unprotected = ReadUnprotected(reader, out var unprotectedChain);
            if (reader.PeekState() == CborReaderState.Null)
            {
                reader.ReadNull();
            }
            else
            {
                reader.SkipValue();
            }

            var signature = reader.ReadByteString();
            reader.ReadEndArray();

            var (alg, chain) = ReadProtected(protectedBytes);
            // Claim v1 signers sometimes put x5chain in the unprotected bucket; c2pa-rs accepts it there.
            chain ??= unprotectedChain;
            return new CoseSign1Envelope(protectedBytes, alg, chain ?? [], unprotected, signature);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"COSE_Sign1 is not valid CBOR: {ex.Message}", ex);
        }
    }

    private static (long? Alg, List<byte[]>? Chain) ReadProtected(byte[] protectedBytes)
    {
        if (protectedBytes.Length == 0)
        {
            return (null, null);
        }

        var reader = new CborReader(protectedBytes, CborConformanceMode.Lax);
        var count = reader.ReadStartMap();
        long? alg = null;
        List<byte[]>? chain = null;
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            var state = reader.PeekState();
            if (state is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
            {
                var key = reader.ReadInt64();
                if (key == HeaderAlg && reader.PeekState() is CborReaderState.NegativeInteger or CborReaderState.UnsignedInteger)
                {
                    alg = reader.ReadInt64();
                }
                else if (key == HeaderX5Chain)
                {
                    chain = ReadChain(reader);
                }
                else
                {
                    reader.SkipValue();
                }
            }
            else
            {
                reader.SkipValue();
                reader.SkipValue();
            }
        }

        reader.ReadEndMap();
        return (alg, chain);
    }

    private static Dictionary<string, byte[]> ReadUnprotected(CborReader reader, out List<byte[]>? chain)
    {
        chain = null;
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            string key;
            if (reader.PeekState() == CborReaderState.TextString)
            {
                key = reader.ReadTextString();
            }
            else if (reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
            {
                var number = reader.ReadInt64();
                if (number == HeaderX5Chain)
                {
                    chain = ReadChain(reader);
                    continue;
                }

                key = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                reader.SkipValue();
                reader.SkipValue();
                continue;
            }

            entries[key] = reader.ReadEncodedValue().ToArray();
        }

        reader.ReadEndMap();
        return entries;
    }

    /// <summary>x5chain (RFC 9360): one bstr for a lone certificate, else an array, leaf first.</summary>
    private static List<byte[]> ReadChain(CborReader reader)
    {
        if (reader.PeekState() == CborReaderState.ByteString)
        {
            return [reader.ReadByteString()];
        }

        var count = reader.ReadStartArray();
        if (count > MaxChainLength)
        {
            throw new FormatException($"x5chain holds {count} certificates; at most {MaxChainLength} are accepted");
        }

        var chain = new List<byte[]>();
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            if (chain.Count == MaxChainLength)
            {
                throw new FormatException($"x5chain holds more than {MaxChainLength} certificates");
            }

            chain.Add(reader.ReadByteString());
        }

        reader.ReadEndArray();
        return chain;
    }
}
