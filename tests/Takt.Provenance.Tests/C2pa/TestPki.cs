using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// A small ES256 PKI for self-made manifests: a root CA and leaves shaped like the C2PA signer
/// profile (KU digitalSignature critical, EKU documentSigning + c2pa-kp-claimSigning, cA=false, SKI/AKI),
/// plus deliberately broken variants.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NotAfter = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SigningTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string DocumentSigning = "1.3.6.1.5.5.7.3.36";
    private const string ClaimSigning = "1.3.6.1.4.1.62558.2.1";

    public TestPki(string name = "Takt Test Root")
    {
        RootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Takt Tests", RootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(NotBefore, NotAfter);
    }

    public ECDsa RootKey { get; }

    public X509Certificate2 Root { get; }

    /// <summary>A leaf signed by the root; <paramref name="ekus"/> null leaves EKU out, <paramref name="ca"/> makes it a CA.</summary>
    public (X509Certificate2 Cert, ECDsa Key) Leaf(string[]? ekus = null, bool omitEku = false, bool ca = false, bool aki = true)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Takt Signer, O=Takt Studio", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (!omitEku)
        {
            var oids = new OidCollection();
            foreach (var oid in ekus ?? [DocumentSigning, ClaimSigning])
            {
                oids.Add(new Oid(oid));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (aki)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        }

        var cert = request.Create(Root, NotBefore, NotAfter, RandomNumberGenerator.GetBytes(8));
        return (cert, key);
    }

    /// <summary>A self-signed CA used directly as a signer, which the profile forbids.</summary>
    public static (X509Certificate2 Cert, ECDsa Key) SelfSignedCa()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Rogue CA, O=Rogue", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(DocumentSigning)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return (request.CreateSelfSigned(NotBefore, NotAfter), key);
    }

    public void Dispose()
    {
        Root.Dispose();
        RootKey.Dispose();
    }
}
