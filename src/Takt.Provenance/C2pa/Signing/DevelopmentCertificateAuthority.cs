using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Security;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// A development CA for a workspace: an ES256 root and claim-signing leaves with exactly the
/// profile c2pa-rs requires of a signer (§14.5.1; certificate_profile.rs): X.509 v3, not a CA,
/// critical KU digitalSignature, EKU documentSigning + emailProtection + c2pa-kp-claimSigning,
/// SKI and AKI, at most a year of validity. Distribute the root as a trust anchor.
/// </summary>
public static class DevelopmentCertificateAuthority
{
    public const string DocumentSigning = "1.3.6.1.5.5.7.3.36";
    public const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    public const string ClaimSigning = "1.3.6.1.4.1.62558.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    public static (X509Certificate2 Certificate, ECDsa Key) CreateRoot(string organisation, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(organisation, $"{organisation} development root"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(ski);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        return (request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10)), key);
    }

    /// <summary>An ES256 claim-signing leaf issued by the root.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) CreateEs256Signer(X509Certificate2 root, ECDsa rootKey, string organisation, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(organisation, $"{organisation} claim signer (ES256)"), key, HashAlgorithmName.SHA256);
        return (Issue(request, root, rootKey, now), key);
    }

    /// <summary>An Ed25519 claim-signing leaf issued by the (ES256) root; returns the 32-byte private seed.</summary>
    public static (X509Certificate2 Certificate, byte[] Seed) CreateEd25519Signer(X509Certificate2 root, ECDsa rootKey, string organisation, DateTimeOffset now)
    {
        var generator = new Org.BouncyCastle.Crypto.Generators.Ed25519KeyPairGenerator();
        generator.Init(new Org.BouncyCastle.Crypto.Parameters.Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var seed = ((Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters)pair.Private).GetEncoded();
        var publicKey = ((Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        // The BCL cannot hold an Ed25519 key, but it can issue a certificate for one: the subject
        // key is just an algorithm id and bits, and the root's ECDSA key signs.
        var spki = new AsnWriter(AsnEncodingRules.DER);
        using (spki.PushSequence())
        {
            using (spki.PushSequence())
            {
                spki.WriteObjectIdentifier(Ed25519Oid); // RFC 8410: parameters absent
            }

            spki.WriteBitString(publicKey);
        }

        var key = PublicKey.CreateFromSubjectPublicKeyInfo(spki.Encode(), out _);
        var request = new CertificateRequest(Subject(organisation, $"{organisation} claim signer (Ed25519)"), key, HashAlgorithmName.SHA256);
        return (Issue(request, root, rootKey, now), seed);
    }

    /// <summary>PKCS#8 PEM for an Ed25519 seed (RFC 8410), the form <see cref="SigningCredentials"/> reads back.</summary>
    public static string Ed25519PrivateKeyPem(byte[] seed)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Ed25519Oid);
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(seed);
            writer.WriteOctetString(inner.Encode());
        }

        return PemEncoding.WriteString("PRIVATE KEY", writer.Encode());
    }

    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 root, ECDsa rootKey, DateTimeOffset now)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(DocumentSigning), new Oid(EmailProtection), new Oid(ClaimSigning)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now.AddDays(365) < root.NotAfter ? now.AddDays(365) : new DateTimeOffset(root.NotAfter);
        return request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), now.AddMinutes(-5), notAfter, serial);
    }

    private static X500DistinguishedName Subject(string organisation, string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("JP");
        builder.AddOrganizationName(organisation);
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
