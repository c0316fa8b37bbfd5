using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>EdDSA over Ed25519 (COSE −8), the only EdDSA curve C2PA allows. The BCL has no EdDSA, so BouncyCastle signs.</summary>
public sealed class Ed25519ClaimSigner(byte[] privateSeed, IReadOnlyList<X509Certificate2> chain) : ClaimSigner
{
    private readonly Ed25519PrivateKeyParameters _key = privateSeed.Length == 32
        ? new Ed25519PrivateKeyParameters(privateSeed)
        : throw new CryptographicException("an Ed25519 private key is 32 bytes");

    public override int CoseAlgorithm => -8;

    public override string AlgorithmName => "Ed25519";

    public override IReadOnlyList<X509Certificate2> Chain { get; } = chain;

    public override int MaxSignatureLength => 64;

    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public override byte[] Sign(ReadOnlySpan<byte> toBeSigned)
    {
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, _key);
        signer.BlockUpdate(toBeSigned);
        return signer.GenerateSignature();
    }
}
