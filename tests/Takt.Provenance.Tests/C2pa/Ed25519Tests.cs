using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>EdDSA (Ed25519, COSE alg −8) signers: .NET cannot make these certificates, so BouncyCastle does.</summary>
public sealed class Ed25519Tests : IDisposable
{
    private const string Label = "urn:c2pa:00000000-0000-4000-8000-000000000003";
    private readonly TestPki _pki = new();

    [Fact]
    public async Task VerifyStore_Ed25519Leaf_TrustedAndTamperDetected()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var leaf = Certificate((Ed25519PublicKeyParameters)pair.Public);
        var builder = new StoreBuilder
        {
            Algorithm = -8,
            Signer = data =>
            {
                var signer = new Ed25519Signer();
                signer.Init(true, pair.Private);
                signer.BlockUpdate(data, 0, data.Length);
                return signer.GenerateSignature();
            },
        };
        var store = builder.Store(Label, [leaf, _pki.Root.RawData], null);

        var report = await SelfMadeStoreTests.VerifyAsync(store, new C2paTrust(new X509Certificate2Collection(_pki.Root)));
        Assert.Empty(report.Failure);
        Assert.Equal(C2paValidationState.Trusted, report.State);
        Assert.Equal("Ed25519", report.Manifests[0].Signature?.Alg);

        store[store.AsSpan().IndexOf("test.jpg"u8)] ^= 0x01;
        var tampered = await SelfMadeStoreTests.VerifyAsync(store);
        Assert.Equal([ValidationCodes.ClaimSignatureMismatch], tampered.Failure.Select(s => s.Code));
    }

    private byte[] Certificate(Ed25519PublicKeyParameters publicKey)
    {
        var rootKey = PrivateKeyFactory.CreateKey(_pki.RootKey.ExportPkcs8PrivateKey());
        var rootSki = _pki.Root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(Org.BouncyCastle.Math.BigInteger.ValueOf(42));
        generator.SetIssuerDN(X509Name.GetInstance(Asn1Object.FromByteArray(_pki.Root.SubjectName.RawData)));
        generator.SetSubjectDN(new X509Name("CN=Ed Signer, O=Takt Studio"));
        generator.SetNotBefore(TestPki.NotBefore.UtcDateTime);
        generator.SetNotAfter(TestPki.NotAfter.UtcDateTime);
        generator.SetPublicKey(publicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, ExtendedKeyUsage.GetInstance(new DerSequence(
            new DerObjectIdentifier("1.3.6.1.5.5.7.3.36"), new DerObjectIdentifier("1.3.6.1.4.1.62558.2.1"))));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(rootSki));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", rootKey)).GetEncoded();
    }

    public void Dispose() => _pki.Dispose();
}
