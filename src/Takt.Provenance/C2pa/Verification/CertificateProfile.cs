using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// The C2PA signer certificate profile (§14.5.1) checked the way c2pa-rs
/// <c>check_end_entity_certificate_profile</c> checks it, in the same order and with the same
/// outcomes, so a certificate c2pa-rs rejects is rejected here with the same status.
/// </summary>
internal static class CertificateProfile
{
    /// <summary>c2pa-rs <c>valid_eku_oids.cfg</c>.</summary>
    private static readonly HashSet<string> AllowedEkus =
    [
        "1.3.6.1.5.5.7.3.4", // id-kp-emailProtection
        "1.3.6.1.5.5.7.3.36", // id-kp-documentSigning
        "1.3.6.1.5.5.7.3.8", // id-kp-timeStamping
        "1.3.6.1.5.5.7.3.9", // id-kp-OCSPSigning
        "1.3.6.1.4.1.311.76.59.1.9", // MS C2PA signing
        "1.3.6.1.4.1.62558.2.1", // c2pa-kp-claimSigning
    ];

    private static readonly HashSet<string> SignatureAlgorithms =
    [
        "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", // sha*WithRSAEncryption
        "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", // ecdsa-with-SHA*
        "1.2.840.113549.1.1.10", // RSASSA-PSS
        "1.3.101.112", // Ed25519
    ];

    private static readonly HashSet<string> Curves = ["1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35"];

    // The extensions x509-parser understands; any other critical one makes the profile fail.
    private static readonly HashSet<string> KnownExtensions =
    [
        "2.5.29.35", "2.5.29.14", "2.5.29.15", "2.5.29.32", "2.5.29.33", "2.5.29.17", "2.5.29.19", "2.5.29.30",
        "2.5.29.36", "2.5.29.37", "2.5.29.31", "2.5.29.54", "1.3.6.1.5.5.7.1.1", "2.16.840.1.113730.1.1",
        "2.5.29.20", "2.5.29.21", "2.5.29.24",
    ];

    private const string AnyEku = "2.5.29.37.0";
    private const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    /// <summary>Checks the signer; logs one failure and returns false at the first problem.</summary>
    public static bool CheckEndEntity(X509Certificate2 cert, DateTimeOffset signingTime, StatusLog log, string url)
    {
        if (!Check(cert, signingTime, log, url))
        {
            return false;
        }

        if (IsCa(cert))
        {
            return Fail(log, url, "expected end-entity certificate");
        }

        return true;
    }

    private static bool Check(X509Certificate2 cert, DateTimeOffset signingTime, StatusLog log, string url)
    {
        if (cert.Version != 3)
        {
            return Fail(log, url, "certificate version incorrect");
        }

        var at = signingTime.UtcDateTime;
        if (at < cert.NotBefore.ToUniversalTime() || at > cert.NotAfter.ToUniversalTime())
        {
            log.Failure(ValidationCodes.SigningCredentialExpired, url, $"certificate expired: not valid at {signingTime:O} (valid {cert.NotBefore.ToUniversalTime():O} to {cert.NotAfter.ToUniversalTime():O})");
            return false;
        }

        if (cert.SignatureAlgorithm.Value is not { } sigAlg || !SignatureAlgorithms.Contains(sigAlg))
        {
            return Fail(log, url, $"certificate algorithm not supported ({cert.SignatureAlgorithm.Value})");
        }

        if (!CheckKey(cert, out var keyProblem))
        {
            return Fail(log, url, keyProblem);
        }

        if (IsCa(cert) && cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData))
        {
            return Fail(log, url, "certificate issuer and subject cannot be the same (self-signed disallowed)");
        }

        bool ekuGood;
        var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is not null)
        {
            var oids = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? "").ToList();
            if (oids.Contains(AnyEku))
            {
                return Fail(log, url, "certificate 'any' EKU not allowed");
            }

            if (!oids.Any(AllowedEkus.Contains))
            {
                return Fail(log, url, $"certificate missing required EKU (has {string.Join(", ", oids)})");
            }

            var ocsp = oids.Contains(OcspSigning);
            var tsa = oids.Contains(TimeStamping);
            if ((ocsp && tsa) || ((ocsp ^ tsa) && oids.Count > 1))
            {
                return Fail(log, url, "certificate invalid set of EKUs (timeStamping and OCSPSigning must stand alone)");
            }

            ekuGood = true;
        }
        else
        {
            ekuGood = IsCa(cert);
        }

        var aki = false;
        var ski = false;
        var kuGood = false;
        var unhandledCritical = new List<string>();
        foreach (var ext in cert.Extensions)
        {
            var oid = ext.Oid?.Value ?? "";
            if (oid == "2.5.29.35")
            {
                aki = true;
            }
            else if (oid == "2.5.29.14")
            {
                ski = true;
            }
            else if (ext is X509KeyUsageExtension ku)
            {
                var flags = ku.KeyUsages;
                if (flags.HasFlag(X509KeyUsageFlags.DigitalSignature))
                {
                    if (flags.HasFlag(X509KeyUsageFlags.KeyCertSign) && !IsCa(cert))
                    {
                        return Fail(log, url, "certificate has keyCertSign but is not a CA");
                    }

                    kuGood = true;
                }

                if (flags.HasFlag(X509KeyUsageFlags.KeyCertSign) || flags.HasFlag(X509KeyUsageFlags.NonRepudiation))
                {
                    kuGood = true;
                }
            }
            else if (ext.Critical && !KnownExtensions.Contains(oid))
            {
                unhandledCritical.Add(oid);
            }
        }

        ski = !IsCa(cert) || ski;
        if (aki && ski && kuGood && ekuGood && unhandledCritical.Count == 0)
        {
            return true;
        }

        var missing = new List<string>();
        if (!aki) { missing.Add("no authority key identifier"); }
        if (!ski) { missing.Add("no subject key identifier on a CA"); }
        if (!kuGood) { missing.Add("no key usage with digitalSignature"); }
        if (!ekuGood) { missing.Add("no extended key usage"); }
        if (unhandledCritical.Count > 0) { missing.Add($"unhandled critical extensions {string.Join(", ", unhandledCritical)}"); }
        return Fail(log, url, $"certificate params incorrect: {string.Join("; ", missing)}");
    }

    private static bool CheckKey(X509Certificate2 cert, out string problem)
    {
        problem = "";
        var keyAlg = cert.PublicKey.Oid.Value;
        if (keyAlg == "1.2.840.10045.2.1")
        {
            string? curve = null;
            try
            {
                curve = new AsnReader(cert.PublicKey.EncodedParameters?.RawData ?? [], AsnEncodingRules.DER).ReadObjectIdentifier();
            }
            catch (AsnContentException)
            {
            }

            if (curve is null || !Curves.Contains(curve))
            {
                problem = $"certificate unsupported EC curve ({curve ?? "unnamed"})";
                return false;
            }
        }
        else if (keyAlg is "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10")
        {
            var bits = RsaModulusBits(cert.PublicKey.EncodedKeyValue.RawData);
            if (bits < 2048)
            {
                problem = $"certificate key length too short ({bits} bits)";
                return false;
            }
        }

        return true;
    }

    private static int RsaModulusBits(byte[] rsaPublicKey)
    {
        try
        {
            var seq = new AsnReader(rsaPublicKey, AsnEncodingRules.DER).ReadSequence();
            var modulus = seq.ReadIntegerBytes().Span;
            while (modulus.Length > 0 && modulus[0] == 0)
            {
                modulus = modulus[1..];
            }

            return modulus.Length == 0 ? 0 : ((modulus.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]));
        }
        catch (AsnContentException)
        {
            return 0;
        }
    }

    public static bool IsCa(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true };

    private static bool Fail(StatusLog log, string url, string explanation)
    {
        log.Failure(ValidationCodes.SigningCredentialInvalid, url, explanation);
        return false;
    }
}
