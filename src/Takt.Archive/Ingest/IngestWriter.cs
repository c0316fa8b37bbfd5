using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Ingest.Processing;
using Takt.Archive.Media;
using Takt.Domain.Archive;
using Takt.Domain.Rights;
using Takt.Persistence;
using Takt.Persistence.Archive;
using Takt.Persistence.Consent;

namespace Takt.Archive.Ingest;

/// <summary>
/// Records processed files, a batch per transaction: works, assets, consent and their audit
/// entries commit together or not at all, so a killed process leaves no half-recorded asset.
/// The only writer of an ingest: caches of scenes, cuts and works need no locking.
/// </summary>
internal sealed class IngestWriter(TaktContextFactory contexts, AuditLog audit, IngestTargets targets, TimeProvider time)
{
    private readonly Dictionary<string, Guid> _scenes = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Scene, string Cut), Guid> _cuts = [];
    private readonly Dictionary<string, Guid> _works = new(StringComparer.Ordinal);
    private readonly HashSet<(Guid Work, string Purpose, string State, string Source, string? Evidence)> _grants = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var project = targets.Project.Id;
        foreach (var s in await db.Scenes.Where(s => s.ProjectId == project).ToListAsync(cancellationToken))
        {
            _scenes[s.Slug] = s.Id;
        }

        var sceneIds = _scenes.Values.ToList();
        foreach (var c in await db.Cuts.Where(c => sceneIds.Contains(c.SceneId)).ToListAsync(cancellationToken))
        {
            _cuts[(c.SceneId, c.Slug)] = c.Id;
        }

        foreach (var w in await db.Works.Where(w => w.ProjectId == project).Select(w => new { w.Key, w.Id }).ToListAsync(cancellationToken))
        {
            _works[w.Key] = w.Id;
        }

        var workIds = _works.Values.ToList();
        foreach (var g in await db.ConsentGrants.Where(g => workIds.Contains(g.WorkId)).Select(g => new { g.WorkId, g.Purpose, g.State, g.Source, g.Evidence }).ToListAsync(cancellationToken))
        {
            _grants.Add((g.WorkId, g.Purpose, g.State, g.Source, g.Evidence));
        }
    }

    public async Task WriteAsync(IReadOnlyList<ProcessedFile> batch, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var records = new List<AuditRecord>();
        var tenant = targets.Tenant.Id;

        foreach (var file in batch)
        {
            var rights = file.Source.Rights;
            var workId = EnsureWork(db, file, now, records);
            var sceneId = file.Source.Scene is { } scene ? EnsureScene(db, scene) : (Guid?)null;
            var cutId = sceneId is { } sid && file.Source.Cut is { } cut ? EnsureCut(db, sid, cut) : (Guid?)null;
            Guid? containerId = null;
            foreach (var asset in file.Assets)
            {
                var row = new AssetRow
                {
                    Id = AssetId.New().Value,
                    TenantId = tenant,
                    ProjectId = targets.Project.Id,
                    SceneId = sceneId,
                    CutId = cutId,
                    WorkId = workId,
                    ContainerId = containerId,
                    LayerKind = LayerKinds.Name(asset.LayerKind),
                    Name = asset.Name.Length > 400 ? asset.Name[..400] : asset.Name,
                    OriginalPath = asset.OriginalPath,
                    Sha256 = asset.Blob.Hash.Hex,
                    ContentHash = asset.Facts.ContentHash,
                    MediaType = asset.Facts.Format.MediaType(),
                    ByteLength = asset.Blob.Length,
                    Width = asset.Facts.Width,
                    Height = asset.Facts.Height,
                    BitDepth = asset.Facts.BitDepth,
                    Channels = asset.Facts.Channels,
                    ColourSpace = asset.Facts.ColourSpace,
                    FrameCount = asset.Facts.FrameCount,
                    DurationSeconds = asset.Facts.DurationSeconds,
                    Attributes = asset.Attributes,
                    SourceTool = rights.SourceTool,
                    Tags = rights.Tags.Count == 0 ? null : string.Join(',', rights.Tags),
                    CreatedAt = rights.Created,
                    IngestedAt = now,
                };
                db.Assets.Add(row);
                containerId ??= file.Assets.Count > 1 ? row.Id : null;
                records.Add(new AuditRecord(tenant, "asset.ingested", row.Id.ToString(), new { row.OriginalPath, row.Sha256, row.ContentHash, row.LayerKind, work = workId, project = targets.Project.Slug }));

                foreach (var grant in asset.EmbeddedConsent)
                {
                    AddGrant(db, workId, grant, now, records);
                }
            }
        }

        var head = await audit.StageAsync(db, records, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (head is not null)
        {
            await audit.AnchorAsync(head, cancellationToken);
        }
    }

    private Guid EnsureWork(TaktDbContext db, ProcessedFile file, DateTimeOffset now, List<AuditRecord> records)
    {
        var rights = file.Source.Rights;
        if (_works.TryGetValue(rights.WorkKey, out var existing))
        {
            return existing;
        }

        var work = new WorkRow
        {
            Id = WorkId.New().Value,
            TenantId = targets.Tenant.Id,
            ProjectId = targets.Project.Id,
            Key = rights.WorkKey,
            Title = rights.WorkTitle,
            Category = WorkCategories.Name(rights.Category),
            LicenceId = rights.Licence.SpdxId,
            LicenceTerms = rights.Licence.CustomTerms,
            AuthorId = rights.AuthorKey is { } a ? targets.Contributors[a] : null,
            CreatedAt = now,
            RightsHolders = rights.RightsHolderKeys.Select(k => new WorkRightsHolderRow { ContributorId = targets.Contributors[k] }).ToList(),
        };
        db.Works.Add(work);
        _works[work.Key] = work.Id;
        records.Add(new AuditRecord(work.TenantId, "work.created", work.Id.ToString(), new { work.Key, work.Category, licence = work.LicenceId, author = rights.AuthorKey, holders = rights.RightsHolderKeys }));

        // Consent written in the manifest is an agreement with the rights holder, effective now.
        foreach (var (purpose, state, terms) in rights.Consent)
        {
            AddGrant(db, work.Id, new ConsentGrant(purpose, state, now, ConsentSource.Agreement, terms, "ingest manifest"), now, records);
        }

        return work.Id;
    }

    private void AddGrant(TaktDbContext db, Guid workId, ConsentGrant grant, DateTimeOffset now, List<AuditRecord> records)
    {
        var key = (workId, Purposes.Name(grant.Purpose), ConsentStates.Name(grant.State), ConsentSources.Name(grant.Source), grant.Evidence);
        if (!_grants.Add(key))
        {
            return;
        }

        var row = new ConsentGrantRow
        {
            Id = Guid.CreateVersion7(),
            TenantId = targets.Tenant.Id,
            WorkId = workId,
            Purpose = key.Item2,
            State = key.Item3,
            Source = key.Item4,
            Terms = grant.Terms,
            Evidence = grant.Evidence,
            EffectiveFrom = grant.EffectiveFrom,
            RecordedAt = now,
        };
        db.ConsentGrants.Add(row);
        records.Add(new AuditRecord(row.TenantId, "consent.granted", workId.ToString(), new { row.Purpose, row.State, row.Source, row.Terms, row.Evidence, row.EffectiveFrom }));
    }

    private Guid EnsureScene(TaktDbContext db, string slug)
    {
        if (!_scenes.TryGetValue(slug, out var id))
        {
            id = Guid.CreateVersion7();
            db.Scenes.Add(new SceneRow { Id = id, TenantId = targets.Tenant.Id, ProjectId = targets.Project.Id, Slug = slug });
            _scenes[slug] = id;
        }

        return id;
    }

    private Guid EnsureCut(TaktDbContext db, Guid scene, string slug)
    {
        if (!_cuts.TryGetValue((scene, slug), out var id))
        {
            id = Guid.CreateVersion7();
            db.Cuts.Add(new CutRow { Id = id, TenantId = targets.Tenant.Id, SceneId = scene, Slug = slug });
            _cuts[(scene, slug)] = id;
        }

        return id;
    }
}
