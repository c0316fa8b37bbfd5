using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>ES256/ES384/ES512, chosen by the key's curve as C2PA pairs them (§13.2.1).</summary>
public sealed class EcdsaClaimSigner : ClaimSigner
{
    private readonly ECDsa _key;
    private readonly HashAlgorithmName _hash;
    private readonly int _fieldBytes;

    public EcdsaClaimSigner(ECDsa key, IReadOnlyList<X509Certificate2> chain)
    {
        _key = key;
        Chain = chain;
        (CoseAlgorithm, AlgorithmName, _hash, _fieldBytes) = key.KeySize switch
        {
            256 => (-7, "Es256", HashAlgorithmName.SHA256, 32),
            384 => (-35, "Es384", HashAlgorithmName.SHA384, 48),
            521 => (-36, "Es512", HashAlgorithmName.SHA512, 66),
            _ => throw new CryptographicException($"an EC key of {key.KeySize} bits cannot sign C2PA claims (P-256, P-384 or P-521 only)"),
        };
    }

    public override int CoseAlgorithm { get; }

    public override string AlgorithmName { get; }

    public override IReadOnlyList<X509Certificate2> Chain { get; }

    public override int MaxSignatureLength => 2 * _fieldBytes;

    public override byte[] Sign(ReadOnlySpan<byte> toBeSigned) =>
        _key.SignData(toBeSigned, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }

        base.Dispose(disposing);
    }
}
