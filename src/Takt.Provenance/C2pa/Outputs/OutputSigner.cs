using Microsoft.EntityFrameworkCore;
using Takt.Persistence;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Provenance.C2pa.Outputs;

/// <summary>
/// Signs what the engine writes out of its store (exports, renders) with a manifest read from
/// the lineage graph, as the workspace's <c>signing.json</c> says for the output's tenant: on by
/// default, off per tenant. Intermediate results inside the content-addressed store stay
/// unsigned on purpose: a signature is new bytes every time, which would end result caching and
/// byte-identical re-runs; the file that leaves is the one that must carry the record. Without a
/// configured certificate the workspace's development CA signs, made on first use.
/// </summary>
public sealed class OutputSigner(
    WorkspaceSigning signing,
    LineageManifests manifests,
    TaktContextFactory contexts,
    Func<string, string?> secrets,
    Func<SigningOptions, ITimestampAuthority?> timestamps,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _open = new(1, 1);
    private ClaimSigner? _signer;
    private SigningOptions? _options;

    /// <summary>Media types Takt can embed a manifest in.</summary>
    public static bool Signs(string? mediaType) => mediaType is "image/png" or "image/jpeg" or "video/mp4";

    /// <summary>
    /// Writes <paramref name="source"/> to <paramref name="target"/> with a manifest embedded, or
    /// returns null (writing nothing) when the tenant has signing turned off or the format cannot
    /// carry one; the caller then copies the file as it is.
    /// </summary>
    public async Task<SignedAsset?> SignFileAsync(string source, string target, string? mediaType, OutputSubject subject, CancellationToken cancellationToken)
    {
        if (!Signs(mediaType))
        {
            return null;
        }

        var options = await OptionsAsync(cancellationToken);
        var slug = subject.Tenant is { } tenant ? await SlugAsync(tenant, cancellationToken) : null;
        var (enabled, mining) = options.For(slug);
        if (!enabled)
        {
            return null;
        }

        var manifest = await manifests.DescribeAsync(subject, mining, cancellationToken);
        var signer = await SignerAsync(options, cancellationToken);
        return await new C2paSigner(C2paSigner.DefaultContainers).SignFileAsync(source, target, manifest, signer, timestamps(options), cancellationToken);
    }

    private async Task<SigningOptions> OptionsAsync(CancellationToken cancellationToken) =>
        _options ??= await signing.OptionsAsync(cancellationToken);

    private async Task<ClaimSigner> SignerAsync(SigningOptions options, CancellationToken cancellationToken)
    {
        await _open.WaitAsync(cancellationToken);
        try
        {
            if (_signer is null)
            {
                if (options.Certificate is null && options.Pkcs12 is null)
                {
                    await signing.EnsureDevelopmentCaAsync("Takt workspace", time, cancellationToken);
                }

                _signer = signing.OpenSigner(options, secrets);
            }

            return _signer;
        }
        finally
        {
            _open.Release();
        }
    }

    private async Task<string?> SlugAsync(Guid tenant, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.Tenants.AsNoTracking().Where(t => t.Id == tenant).Select(t => t.Slug).SingleOrDefaultAsync(cancellationToken);
    }

    public void Dispose()
    {
        _signer?.Dispose();
        _open.Dispose();
    }
}
