using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Takt.TestKit.Timestamps;

/// <summary>The ASN.1 side: TimeStampReq in, TSTInfo and TimeStampResp out (RFC 3161 §2.4, RFC 5816).</summary>
public sealed partial class TestTimestampAuthority
{
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";

    /// <summary>A policy OID under the example arc (RFC 7229 test OIDs live elsewhere; any OID does).</summary>
    public const string PolicyOid = "1.3.6.1.4.1.55555.1.1";

    private sealed record TimeStampRequest(byte[] MessageImprint, byte[]? Nonce, bool CertReq);

    /// <summary>Issues a token over <paramref name="data"/> without HTTP, e.g. to build fixtures.</summary>
    public byte[] IssueToken(ReadOnlySpan<byte> data)
    {
        var imprint = new AsnWriter(AsnEncodingRules.DER);
        using (imprint.PushSequence())
        {
            using (imprint.PushSequence())
            {
                imprint.WriteObjectIdentifier(Sha256);
            }

            imprint.WriteOctetString(SHA256.HashData(data));
        }

        return IssueToken(imprint.Encode(), nonce: null, certReq: true);
    }

    private static TimeStampRequest? TryReadRequest(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var request = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            if (!request.TryReadInt32(out var version) || version != 1)
            {
                return null;
            }

            var imprint = request.ReadEncodedValue().ToArray();
            var imprintReader = new AsnReader(imprint, AsnEncodingRules.DER).ReadSequence();
            imprintReader.ReadSequence();
            imprintReader.ReadOctetString();
            imprintReader.ThrowIfNotEmpty();

            if (request.HasData && request.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                request.ReadObjectIdentifier();
            }

            byte[]? nonce = null;
            if (request.HasData && request.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                nonce = request.ReadIntegerBytes().ToArray();
            }

            var certReq = false;
            if (request.HasData && request.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                certReq = request.ReadBoolean();
            }

            // Extensions [0] are ignored: this TSA supports none and a real one may reject them.
            return new TimeStampRequest(imprint, nonce, certReq);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private byte[] IssueToken(byte[] messageImprint, byte[]? nonce, bool certReq)
    {
        var info = new AsnWriter(AsnEncodingRules.DER);
        using (info.PushSequence())
        {
            info.WriteInteger(1);
            info.WriteObjectIdentifier(PolicyOid);
            info.WriteEncodedValue(messageImprint);
            info.WriteInteger(Interlocked.Increment(ref _serial));
            info.WriteGeneralizedTime(_time.GetUtcNow(), omitFractionalSeconds: true);
            if (nonce is not null)
            {
                // Copied as the request encoded it (DER, so already minimal two's complement).
                info.WriteInteger(nonce);
            }
        }

        var cms = new SignedCms(new ContentInfo(new Oid(TstInfoContentType), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, TsaCertificate, _tsaKey)
        {
            DigestAlgorithm = new Oid(Sha256),
            IncludeOption = certReq ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        if (_options.SigningCertificateAttribute)
        {
            signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2, SigningCertificateV2Value()));
        }

        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// RFC 5816 SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash } }, hash defaulting to
    /// SHA-256. .NET's Rfc3161TimestampToken refuses tokens without it (or the v1 ESSCertID).
    /// </summary>
    private byte[] SigningCertificateV2Value()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(SHA256.HashData(TsaCertificate.RawData));
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] GrantedReply(byte[] token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
            }

            writer.WriteEncodedValue(token);
        }

        return writer.Encode();
    }

    private static byte[] RejectionReply(string text, int failureBit)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(2);
                using (writer.PushSequence())
                {
                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, text);
                }

                var bits = new System.Collections.BitArray(failureBit + 1) { [failureBit] = true };
                writer.WriteNamedBitList(bits);
            }
        }

        return writer.Encode();
    }
}
