using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Datasets;
using Takt.Domain.Datasets;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Datasets;
using Takt.Provenance.Export;
using Takt.Provenance.Lineage;

namespace Takt.Engine.Datasets;

/// <summary>
/// Dataset versions as records: builds them (via <see cref="DatasetBuilder"/>), records each new
/// version as a lineage Dataset node weighted by samples × repeats per asset, and answers which
/// versions exist and why an asset is in or out of one.
/// </summary>
public sealed partial class DatasetCatalog(TaktContextFactory contexts, LocalBlobStore blobs, LineageStore lineage, AuditLog audit, string workspaceRoot, TimeProvider time)
{
    // The namespace of dataset node ids (name: tenant/version), next to TaktVocabulary's run namespace.
    private static readonly Guid DatasetNamespace = new("8a3c1f52-4e0d-4b9a-a6f1-2d7e95c04b38");

    /// <param name="recipeDirectory">Where the recipe file lives: a caption file is named relative to it.</param>
    public async Task<DatasetBuildOutcome> BuildAsync(
        DatasetRecipe recipe, string? recipeDirectory, Guid? supersedes, IProgress<DatasetProgress>? progress, CancellationToken cancellationToken)
    {
        var captionFile = recipe.Target.CaptionFile is { } file ? Path.GetFullPath(file, recipeDirectory ?? Environment.CurrentDirectory) : null;
        var build = await new DatasetBuilder(contexts, blobs, workspaceRoot, time).BuildAsync(recipe, captionFile, progress, cancellationToken);

        await using var db = contexts.Create();
        var tenant = await TenantIdAsync(db, recipe, cancellationToken);
        var existing = await db.DatasetVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.VersionHash == build.VersionId && v.TenantId == tenant, cancellationToken);
        if (existing is not null)
        {
            return new DatasetBuildOutcome(build, existing, Recorded: false);
        }

        var id = NodeIdFor(tenant, build.VersionId);
        var samples = build.Manifest.Samples.Count(s => s.Role is "image" or "clip");
        var members = build.Members.Select(m => (new LineageNodeId(m.Asset), m.Samples, recipe.Target.Repeats));
        var attributes = JsonSerializer.Serialize(new
        {
            name = recipe.Name,
            version = build.VersionId,
            format = DatasetFormats.Name(recipe.Target.Format),
            samples,
            excluded = build.Manifest.Exclusions.Count,
            repeats = recipe.Target.Repeats,
            path = build.RelativeFolder,
        });
        var draft = new LineageNodeDraft(
            new LineageNodeId(id), LineageNodeKind.Dataset, tenant is { } t ? new TenantId(t) : null,
            $"{recipe.Name} {build.VersionId[..12]}", LineageWeights.ForDataset(members), $"dataset:{build.VersionId}", attributes);
        // The node id follows from tenant and version, so a build interrupted after recording the
        // node but before its row finds the node already there and only writes the row.
        var known = (await lineage.IndexAsync(cancellationToken)).TryFind(draft.Id, out _);
        var recorded = known ? null : await lineage.RecordAsync([draft], cancellationToken);
        if (recorded is { Succeeded: false })
        {
            throw new InvalidOperationException($"the dataset version could not be recorded in the lineage graph: {string.Join("; ", recorded.Problems.Select(p => p.ToString()))}");
        }

        var row = new DatasetVersionRow
        {
            Id = id,
            TenantId = tenant,
            Name = recipe.Name,
            VersionHash = build.VersionId,
            Format = DatasetFormats.Name(recipe.Target.Format),
            Recipe = recipe.ToCanonicalJson(),
            CaptionFile = captionFile,
            ManifestSha256 = build.ManifestSha256,
            Path = build.RelativeFolder,
            Samples = samples,
            Excluded = build.Manifest.Exclusions.Count,
            Supersedes = supersedes,
            BuiltAt = build.DecidedAt,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.DatasetVersions.Add(row);
        var head = await audit.StageAsync(db, [new AuditRecord(tenant, "dataset.built", id.ToString(), new { row.Name, row.VersionHash, row.Format, row.Samples, row.Excluded, row.Path, row.Supersedes })], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await audit.AnchorAsync(head!, cancellationToken);
        return new DatasetBuildOutcome(build, row, Recorded: true);
    }

    /// <summary>The manifest of a recorded version, read back from the blob store.</summary>
    public async Task<DatasetManifest> ManifestAsync(DatasetVersionRow version, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync(BlobHash.Parse(version.ManifestSha256), cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return DatasetManifest.Parse(buffer.ToArray());
    }

    /// <summary>A version's lineage node id: the same version of the same tenant is the same node.</summary>
    public static Guid NodeIdFor(Guid? tenant, string versionId) =>
        NameBasedUuid.Create(DatasetNamespace, $"{tenant?.ToString("D") ?? DatasetRecipe.SharedPool}/{versionId}");

    private static async Task<Guid?> TenantIdAsync(TaktDbContext db, DatasetRecipe recipe, CancellationToken cancellationToken) =>
        recipe.IsSharedPool ? null
        : await db.Tenants.AsNoTracking().Where(t => t.Slug == recipe.Tenant).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken)
          ?? throw new DatasetRecipeException($"'tenant': no tenant '{recipe.Tenant}' in this workspace");
}
