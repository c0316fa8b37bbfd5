using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Archive.Rights;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using Takt.Domain.Workflows;
using Takt.Persistence;
using Takt.Persistence.Archive;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    /// <summary>Feeding an asset into generation is reference use (img2img, conditioning).</summary>
    public const Purpose LoadPurpose = Purpose.ReferenceUse;

    // Layered containers are archived whole and as layers; a node takes a layer.
    private static readonly string[] Containers = ["image/openraster", "image/vnd.adobe.photoshop"];

    private async Task<IReadOnlyDictionary<string, PortValue>> LoadAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var reference = node.Parameters.Text("asset").Trim();
        var port = node.Type.Outputs[0];
        var (scope, filter) = await ScopeAsync(node, cancellationToken);
        await using var db = _contexts.Create(filter);
        var candidates = await FindAsync(node, db, reference, cancellationToken);
        var at = _time.GetUtcNow();

        // Several assets can hold the same bytes (the same file in two projects); the first the
        // scope may use, in ingest order, is the one whose lineage the value carries.
        (AssetRow Asset, ConsentDecision Decision)? refused = null;
        foreach (var asset in candidates)
        {
            var decision = await DecideAsync(db, asset, scope ?? TenantScope.Own(new TenantId(asset.TenantId)), at, cancellationToken);
            if (!decision.IsAllowed)
            {
                refused ??= (asset, decision);
                continue;
            }

            var type = TypeOf(asset.MediaType);
            if (type != port.Type || Containers.Contains(asset.MediaType, StringComparer.Ordinal))
            {
                throw node.Fail($"asset {asset.Id} ({asset.Name}) is {asset.MediaType}; {node.Type.Name} loads {port.Type} assets"
                    + (type is { } other && other != port.Type ? $" (use {LoaderFor(other)})" : Containers.Contains(asset.MediaType, StringComparer.Ordinal) ? " (load one of its layers)" : ""));
            }

            var value = new PortValue(port.Type, asset.Sha256, BlobHash: asset.Sha256, MediaType: asset.MediaType, Lineage: asset.Id);

            // The row is only a record: the bytes must really be there before anything builds on them.
            await using (await node.Context.OpenAsync(value, cancellationToken))
            {
            }

            return NodeRun.Outputs(port.Name, value);
        }

        var (deniedAsset, denied) = refused!.Value;
        throw node.Fail($"asset {deniedAsset.Id} ({deniedAsset.Name}) may not be used for {Purposes.Name(LoadPurpose)}: "
            + string.Join("; ", denied.Reasons.Select(r => $"{r.Code}: {r.Describe()}")));
    }

    /// <summary>The consent scope and the row filter: the run's tenant, else the configured one, else the operator's all-tenant view.</summary>
    private async Task<(TenantScope? Scope, TenantScopeFilter Filter)> ScopeAsync(NodeRun node, CancellationToken cancellationToken)
    {
        if (node.Invocation.Tenant is { } runTenant)
        {
            return (TenantScope.Own(new TenantId(runTenant)), new TenantScopeFilter(runTenant));
        }

        if (_tenant is null)
        {
            return (null, TenantScopeFilter.All);
        }

        await using var db = _contexts.Create();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == _tenant, cancellationToken)
            ?? throw node.Fail($"this backend acts for tenant '{_tenant}', which this workspace does not have");
        return (TenantScope.Own(new TenantId(tenant.Id)), new TenantScopeFilter(tenant.Id));
    }

    private static async Task<IReadOnlyList<AssetRow>> FindAsync(NodeRun node, TaktDbContext db, string reference, CancellationToken cancellationToken)
    {
        if (reference.StartsWith("sha256:", StringComparison.Ordinal))
        {
            var hex = reference["sha256:".Length..].ToLowerInvariant();
            if (!BlobHash.TryParse(hex, out _))
            {
                throw node.Fail($"'{reference}' is not sha256:<64 hex digits>");
            }

            var rows = await db.Assets.AsNoTracking().Where(a => a.Sha256 == hex).ToListAsync(cancellationToken);
            return rows.Count > 0
                ? rows.OrderBy(a => a.IngestedAt).ThenBy(a => a.Id).ToList()
                : throw node.Fail($"no asset has the content {reference}");
        }

        var (asset, problem) = await AssetResolver.FindAsync(db, reference, cancellationToken);
        return asset is not null ? [asset] : throw node.Fail(problem ?? $"no asset {reference}");
    }

    /// <summary>The project's one consent decision, on the asset's rights as recorded now.</summary>
    private static async Task<ConsentDecision> DecideAsync(TaktDbContext db, AssetRow asset, TenantScope scope, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Rights rows are read across tenants: the decision itself says "other tenant" when the scope differs.
        var work = await db.Works.IgnoreQueryFilters().AsNoTracking().FirstAsync(w => w.Id == asset.WorkId, cancellationToken);
        var tenant = await db.Tenants.IgnoreQueryFilters().AsNoTracking().FirstAsync(t => t.Id == asset.TenantId, cancellationToken);
        var grants = await db.ConsentGrants.IgnoreQueryFilters().AsNoTracking().Where(g => g.WorkId == work.Id).OrderBy(g => g.RecordedAt).ToListAsync(cancellationToken);
        var revocations = await db.Revocations.IgnoreQueryFilters().AsNoTracking().Where(r => r.WorkId == work.Id).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        return ConsentPolicy.Decide(RightsMapping.Subject(asset, work, tenant, grants, revocations), LoadPurpose, scope, at);
    }

    private static PortType? TypeOf(string mediaType) =>
        mediaType.StartsWith("image/", StringComparison.Ordinal) ? PortType.Image
        : mediaType.StartsWith("video/", StringComparison.Ordinal) ? PortType.Video
        : mediaType.StartsWith("audio/", StringComparison.Ordinal) ? PortType.Audio
        : null;

    private static string LoaderFor(PortType type) => type switch
    {
        PortType.Video => BuiltInNodeTypes.LoadVideo.Name,
        PortType.Audio => BuiltInNodeTypes.LoadAudio.Name,
        _ => BuiltInNodeTypes.LoadAsset.Name,
    };
}
