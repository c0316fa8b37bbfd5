using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Takt.Provenance.C2pa.Reading;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Verifies a claim signature (COSE_Sign1 over the claim, C2PA §13.2) the way c2pa-rs
/// <c>Verifier::verify_signature</c> does: algorithm, P1363 form of ECDSA signatures, time-stamp,
/// certificate profile, trust, then the signature itself. Profile and trust problems are logged
/// but, as in c2pa-rs, do not stop the cryptographic check.
/// </summary>
internal static class ClaimSignature
{
    public static async Task<C2paSignatureInfo?> VerifyAsync(
        byte[] cose, ReadOnlyMemory<byte> claim, string url, C2paTrust trust, ITimestampCheck timestamps, TimeProvider time, StatusLog log, CancellationToken cancellationToken)
    {
        CoseSign1Envelope envelope;
        try
        {
            envelope = CoseSign1Envelope.Parse(cose);
        }
        catch (FormatException ex)
        {
            log.Failure(ValidationCodes.ClaimSignatureMismatch, url, $"claim signature could not be parsed: {ex.Message}");
            return null;
        }

        if (AlgorithmOf(envelope.Algorithm) is not { } alg)
        {
            log.Failure(ValidationCodes.AlgorithmUnsupported, url, $"unsupported or missing COSE algorithm ({envelope.Algorithm?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
            log.Failure(ValidationCodes.ClaimSignatureMismatch, url, "claim signature is not valid");
            return null;
        }

        if (alg.StartsWith("ES", StringComparison.Ordinal) && IsDerSignature(envelope.Signature))
        {
            log.Failure(ValidationCodes.SigningCredentialInvalid, url, "unsupported signature format (EC signature should be in P1363 r|s format)");
            log.Failure(ValidationCodes.ClaimSignatureMismatch, url, "claim signature is not valid");
            return null;
        }

        if (envelope.CertificateChain.Count == 0)
        {
            log.Failure(ValidationCodes.ClaimSignatureMismatch, url, "claim signature has no x5chain signing certificate");
            return null;
        }

        var certs = new List<X509Certificate2>();
        try
        {
            foreach (var der in envelope.CertificateChain)
            {
                certs.Add(X509CertificateLoader.LoadCertificate(der));
            }
        }
        catch (CryptographicException ex)
        {
            certs.ForEach(c => c.Dispose());
            log.Failure(ValidationCodes.SigningCredentialInvalid, url, $"certificate could not be parsed: {ex.Message}");
            log.Failure(ValidationCodes.ClaimSignatureMismatch, url, "claim signature is not valid");
            return null;
        }

        try
        {
            var stamp = await timestamps.CheckAsync(new TimestampEvidence(envelope.Unprotected, envelope.ProtectedHeader, claim, envelope.Signature, url), trust, cancellationToken);
            log.AddRange(stamp.Statuses);
            var signingTime = stamp.GenTime ?? time.GetUtcNow();

            var leaf = certs[0];
            CertificateProfile.CheckEndEntity(leaf, signingTime, log, url);
            if (trust.Anchors is { } anchors)
            {
                CertificateTrust.Check(leaf, certs.Skip(1).ToList(), anchors, signingTime, log, url);
            }

            var toBeSigned = CoseSign1.ToBeSigned(envelope.ProtectedHeader, claim.Span);
            string? problem;
            try
            {
                problem = Verify(alg, leaf, toBeSigned, envelope.Signature);
            }
            catch (CryptographicException ex)
            {
                problem = $"the signing key could not be used: {ex.Message}";
            }

            if (problem is null)
            {
                log.Success(ValidationCodes.ClaimSignatureInsideValidity, url, "claim signature valid");
                log.Success(ValidationCodes.ClaimSignatureValidated, url, "claim signature valid");
            }
            else
            {
                log.Failure(ValidationCodes.ClaimSignatureMismatch, url, $"claim signature is not valid: {problem}");
            }

            return new C2paSignatureInfo(alg, Attribute(leaf, "2.5.4.10"), Attribute(leaf, "2.5.4.3"), Serial(leaf), stamp.GenTime);
        }
        finally
        {
            certs.ForEach(c => c.Dispose());
        }
    }

    private static string? AlgorithmOf(long? alg) => alg switch
    {
        -7 => "ES256",
        -35 => "ES384",
        -36 => "ES512",
        -37 => "PS256",
        -38 => "PS384",
        -39 => "PS512",
        -8 => "Ed25519",
        _ => null,
    };

    /// <summary>Null when the signature verifies, else why not.</summary>
    private static string? Verify(string alg, X509Certificate2 leaf, byte[] data, byte[] signature)
    {
        var hash = alg[2..] switch
        {
            "384" => HashAlgorithmName.SHA384,
            "512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        switch (alg[..2])
        {
            case "ES":
                using (var ec = leaf.GetECDsaPublicKey())
                {
                    return ec is null ? "the certificate does not hold an EC key"
                        : ec.VerifyData(data, signature, hash) ? null : "signature does not match";
                }

            case "PS":
                if (leaf.PublicKey.Oid.Value is not ("1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10"))
                {
                    return "the certificate does not hold an RSA key";
                }

                // Imported from the raw RSAPublicKey because .NET will not hand out an id-RSASSA-PSS key.
                using (var rsa = RSA.Create())
                {
                    rsa.ImportRSAPublicKey(leaf.PublicKey.EncodedKeyValue.RawData, out _);
                    return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pss) ? null : "signature does not match";
                }

            default:
                if (leaf.PublicKey.Oid.Value != "1.3.101.112" || leaf.PublicKey.EncodedKeyValue.RawData.Length != Ed25519PublicKeyParameters.KeySize)
                {
                    return "the certificate does not hold an Ed25519 key";
                }

                var verifier = new Ed25519Signer();
                verifier.Init(false, new Ed25519PublicKeyParameters(leaf.PublicKey.EncodedKeyValue.RawData, 0));
                verifier.BlockUpdate(data, 0, data.Length);
                return verifier.VerifySignature(signature) ? null : "signature does not match";
        }
    }

    /// <summary>c2pa-rs rejects ECDSA signatures that parse as a DER SEQUENCE of two INTEGERs.</summary>
    private static bool IsDerSignature(byte[] signature)
    {
        try
        {
            var reader = new AsnReader(signature, AsnEncodingRules.DER);
            var seq = reader.ReadSequence();
            seq.ReadIntegerBytes();
            seq.ReadIntegerBytes();
            return !seq.HasData && !reader.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static string? Attribute(X509Certificate2 cert, string oid)
    {
        string? last = null;
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == oid)
            {
                last = rdn.GetSingleElementValue();
            }
        }

        return last;
    }

    private static string Serial(X509Certificate2 cert) =>
        new BigInteger(cert.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
