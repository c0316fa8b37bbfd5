using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// A claim-signing credential: the COSE algorithm, the certificate chain (leaf first, written as
/// x5chain) and the private-key operation. The key never leaves the implementation; nothing here
/// logs or serialises it.
/// </summary>
public abstract class ClaimSigner : IDisposable
{
    /// <summary>COSE algorithm id: −7 ES256, −35 ES384, −36 ES512, −8 EdDSA (Ed25519).</summary>
    public abstract int CoseAlgorithm { get; }

    /// <summary>The name c2pa-rs prints (<c>Es256</c>, <c>Ed25519</c>…).</summary>
    public abstract string AlgorithmName { get; }

    public abstract IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The largest signature <see cref="Sign"/> returns, for reserving the signature box.</summary>
    public abstract int MaxSignatureLength { get; }

    /// <summary>Signs COSE's Sig_structure bytes; ECDSA signatures are IEEE P1363 (r‖s), as COSE requires.</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> toBeSigned);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var certificate in Chain)
            {
                certificate.Dispose();
            }
        }
    }
}
