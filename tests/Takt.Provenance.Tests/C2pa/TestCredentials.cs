using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>One development CA per test run (key generation is the slow part), with an ES256 and an Ed25519 signer.</summary>
public sealed class TestCredentials : IDisposable
{
    private readonly ECDsa _rootKey;
    private readonly ECDsa _es256Key;
    private readonly byte[] _ed25519Seed;
    private readonly X509Certificate2 _es256;
    private readonly X509Certificate2 _ed25519;

    public TestCredentials()
    {
        var now = TimeProvider.System.GetUtcNow();
        (Root, _rootKey) = DevelopmentCertificateAuthority.CreateRoot("Takt Test Studio", now);
        (_es256, _es256Key) = DevelopmentCertificateAuthority.CreateEs256Signer(Root, _rootKey, "Takt Test Studio", now);
        (_ed25519, _ed25519Seed) = DevelopmentCertificateAuthority.CreateEd25519Signer(Root, _rootKey, "Takt Test Studio", now);
        RootPem = Root.ExportCertificatePem();
        RootPemFile = Path.Combine(Path.GetTempPath(), $"takt-test-root-{Guid.NewGuid():N}.pem");
        File.WriteAllText(RootPemFile, RootPem);
    }

    /// <summary>The root as a PEM file, for readers that take anchors by path.</summary>
    public string RootPemFile { get; }

    public X509Certificate2 Root { get; }

    public string RootPem { get; }

    public ClaimSigner Es256() => new EcdsaClaimSigner(ECDsa.Create(_es256Key.ExportParameters(true)), [X509CertificateLoader.LoadCertificate(_es256.RawData)]);

    public ClaimSigner Ed25519() => new Ed25519ClaimSigner(_ed25519Seed, [X509CertificateLoader.LoadCertificate(_ed25519.RawData)]);

    public ClaimSigner Signer(string alg) => alg == "ed25519" ? Ed25519() : Es256();

    public void Dispose()
    {
        _rootKey.Dispose();
        _es256Key.Dispose();
        _es256.Dispose();
        _ed25519.Dispose();
        Root.Dispose();
        File.Delete(RootPemFile);
    }
}
