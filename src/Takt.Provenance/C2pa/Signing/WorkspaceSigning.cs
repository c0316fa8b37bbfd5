using System.Security.Cryptography;
using System.Text.Json;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// A workspace's signing material under <c>keys/</c>: the development CA <c>takt init</c> makes
/// (root, ES256 and Ed25519 claim signers; private keys mode 600 in a mode-700 folder), the
/// trust anchors <c>takt verify</c> uses by default, and the options in <c>signing.json</c>.
/// </summary>
public sealed class WorkspaceSigning(string workspaceRoot)
{
    public const string OptionsFile = "signing.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string KeysPath => Path.Combine(workspaceRoot, "keys");

    /// <summary>The PEM anchors this workspace trusts: its own development root, plus any the studio adds.</summary>
    public string TrustAnchorsPath => Path.Combine(KeysPath, "trust-anchors.pem");

    public async Task<SigningOptions> OptionsAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(workspaceRoot, OptionsFile);
        if (!File.Exists(path))
        {
            return new SigningOptions();
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<SigningOptions>(stream, Json, cancellationToken) ?? new SigningOptions();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid signing options: {e.Message}", e);
        }
    }

    /// <summary>Makes the development CA unless it exists; returns whether it made one.</summary>
    public async Task<bool> EnsureDevelopmentCaAsync(string organisation, TimeProvider time, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(KeysPath, "root-ca.pem")))
        {
            return false;
        }

        var staging = Path.Combine(workspaceRoot, $".keys-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        if (!OperatingSystem.IsWindows())
        {
            // Private before any key is written into it.
            File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var now = time.GetUtcNow();
        var (root, rootKey) = DevelopmentCertificateAuthority.CreateRoot(organisation, now);
        using (root)
        using (rootKey)
        {
            var (es256, es256Key) = DevelopmentCertificateAuthority.CreateEs256Signer(root, rootKey, organisation, now);
            var (ed25519, seed) = DevelopmentCertificateAuthority.CreateEd25519Signer(root, rootKey, organisation, now);
            using (es256)
            using (es256Key)
            using (ed25519)
            {
                await WriteAsync(staging, "root-ca.pem", root.ExportCertificatePem(), secret: false, cancellationToken);
                await WriteAsync(staging, "root-ca.key", rootKey.ExportPkcs8PrivateKeyPem(), secret: true, cancellationToken);
                await WriteAsync(staging, "signer-es256.pem", es256.ExportCertificatePem(), secret: false, cancellationToken);
                await WriteAsync(staging, "signer-es256.key", es256Key.ExportPkcs8PrivateKeyPem(), secret: true, cancellationToken);
                await WriteAsync(staging, "signer-ed25519.pem", ed25519.ExportCertificatePem(), secret: false, cancellationToken);
                await WriteAsync(staging, "signer-ed25519.key", DevelopmentCertificateAuthority.Ed25519PrivateKeyPem(seed), secret: true, cancellationToken);
                await WriteAsync(staging, "trust-anchors.pem", root.ExportCertificatePem(), secret: false, cancellationToken);
                CryptographicOperations.ZeroMemory(seed);
            }
        }

        try
        {
            Directory.Move(staging, KeysPath);
            return true;
        }
        catch (IOException) when (Directory.Exists(KeysPath))
        {
            // Another process (two runs signing their first outputs at once) made the CA first: use its.
            Directory.Delete(staging, recursive: true);
            return false;
        }
    }

    /// <summary>The signer the options name: a production certificate when configured, else the development one.</summary>
    public ClaimSigner OpenSigner(SigningOptions options, Func<string, string?> secret)
    {
        if (options.Pkcs12 is { } bundle)
        {
            var password = options.Pkcs12PasswordSecret is { } name ? secret(name) ?? throw new InvalidOperationException($"the secret '{name}' for {bundle} is not set") : null;
            return SigningCredentials.FromPkcs12(Resolve(bundle), password);
        }

        if (options.Certificate is { } certificate)
        {
            return SigningCredentials.FromPem(Resolve(certificate), Resolve(options.Key ?? throw new InvalidOperationException("signing.json names a certificate but no key")));
        }

        var algorithm = options.Algorithm is "es256" or "ed25519" ? options.Algorithm : throw new InvalidOperationException($"signing algorithm '{options.Algorithm}' is not es256 or ed25519");
        var pem = Path.Combine(KeysPath, $"signer-{algorithm}.pem");
        return File.Exists(pem)
            ? SigningCredentials.FromPem(pem, Path.Combine(KeysPath, $"signer-{algorithm}.key"))
            : throw new FileNotFoundException($"the workspace has no signing keys ({pem}); run takt init to make its development CA", pem);
    }

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(workspaceRoot, path);

    private static async Task WriteAsync(string folder, string name, string text, bool secret, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
    }
}
