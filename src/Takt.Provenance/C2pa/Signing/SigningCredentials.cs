using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// Loads a claim signer from files: a PEM certificate chain (leaf first) with a PEM PKCS#8 key
/// (EC or Ed25519), or a PKCS#12 bundle. Key files must be readable by their owner only, as ssh
/// insists, and no message ever includes key material.
/// </summary>
public static class SigningCredentials
{
    private const string Ed25519Oid = "1.3.101.112";

    public static ClaimSigner FromPem(string certificatePath, string keyPath)
    {
        CheckPrivate(keyPath);
        var chain = LoadChain(certificatePath);
        var pem = File.ReadAllText(keyPath);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CryptographicException($"{keyPath} holds no PEM private key");
        }

        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        try
        {
            if (label == "PRIVATE KEY" && Pkcs8Algorithm(der) == Ed25519Oid)
            {
                return new Ed25519ClaimSigner(Ed25519Seed(der), chain);
            }

            var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return new EcdsaClaimSigner(key, chain);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or ArgumentException)
        {
            throw new CryptographicException($"{keyPath} is not an EC or Ed25519 private key C2PA can sign with", e);
        }
    }

    public static ClaimSigner FromPkcs12(string path, string? password)
    {
        CheckPrivate(path);
        var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        var leaf = collection.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new CryptographicException($"{path} holds no certificate with a private key");
        var key = leaf.GetECDsaPrivateKey() ?? throw new CryptographicException($"{path}: only EC keys are read from PKCS#12 (use PEM for Ed25519)");
        var others = collection.Where(c => !ReferenceEquals(c, leaf) && c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) is false);
        return new EcdsaClaimSigner(key, [leaf, .. others]);
    }

    public static IReadOnlyList<X509Certificate2> LoadChain(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection.Count == 0 ? throw new CryptographicException($"{path} holds no PEM certificates") : [.. collection];
    }

    /// <summary>Refuses a key file others can read: a leaked claim-signing key lets anyone sign as the studio.</summary>
    public static void CheckPrivate(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the signing key {path} does not exist", path);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UnauthorizedAccessException($"the signing key {path} can be read by other users; run chmod 600 on it");
        }
    }

    private static string Pkcs8Algorithm(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        reader.ReadInteger();
        return reader.ReadSequence().ReadObjectIdentifier();
    }

    private static byte[] Ed25519Seed(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        reader.ReadInteger();
        reader.ReadSequence();
        var inner = reader.ReadOctetString();
        return new AsnReader(inner, AsnEncodingRules.DER).ReadOctetString();
    }
}
