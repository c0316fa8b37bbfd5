using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Ingest.Planning;
using Takt.Archive.Ingest.Processing;
using Takt.Domain.Archive;
using Takt.Persistence;

namespace Takt.Archive.Ingest;

/// <summary>
/// Brings a folder, a layered file or a single file into the archive. Files are stored and decoded
/// in parallel; one writer records them in batches. Re-ingesting the same content is a no-op.
/// </summary>
public sealed class IngestService(TaktContextFactory contexts, LocalBlobStore blobs, AuditLog audit, TimeProvider time)
{
    public async Task<IngestReport> IngestAsync(string path, IngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        blobs.RemoveAbandonedTemporaryFiles(TimeSpan.FromHours(1), time.GetUtcNow());
        var plan = await IngestPlanner.PlanAsync(path, options.Tenant, options.Project, cancellationToken);
        var targets = await IngestTargets.EnsureAsync(contexts, audit, plan, time, cancellationToken);
        var known = await LoadArchivedAsync(targets.Project.Id, cancellationToken);
        var writer = new IngestWriter(contexts, audit, targets, time);
        await writer.LoadAsync(cancellationToken);

        var processor = new FileProcessor(blobs, options.Images, time);
        var results = Channel.CreateBounded<ProcessedFile>(new BoundedChannelOptions(Math.Max(4, options.BatchSize)) { SingleReader = true });
        var tally = new Tally(plan.Files.Count, progress);

        var producing = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(plan.Files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
                    async (file, ct) => await results.Writer.WriteAsync(await processor.ProcessAsync(file, (p, h) => known.Contains((p, h.Hex)), ct), ct));
                results.Writer.Complete();
            }
            catch (Exception e)
            {
                results.Writer.Complete(e);
            }
        }, cancellationToken);

        var batch = new List<ProcessedFile>(options.BatchSize);
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
        {
            tally.Count(result);
            if (result.Assets.Count > 0)
            {
                batch.Add(result);
                if (batch.Count >= options.BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
        }

        await producing;
        if (batch.Count > 0)
        {
            await writer.WriteAsync(batch, cancellationToken);
        }

        return tally.Report(plan, clock.Elapsed);
    }

    private async Task<HashSet<(string Path, string Sha)>> LoadArchivedAsync(Guid project, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var rows = await db.Assets.AsNoTracking().Where(a => a.ProjectId == project && a.ContainerId == null)
            .Select(a => new { a.OriginalPath, a.Sha256 }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.OriginalPath, r.Sha256)).ToHashSet();
    }

    /// <summary>Counts outcomes as they are recorded (single reader: no locking).</summary>
    private sealed class Tally(int total, IProgress<IngestProgress>? progress)
    {
        private readonly List<IngestIssue> _failures = [];
        private readonly List<IngestIssue> _warnings = [];
        private readonly Dictionary<string, int> _byKind = new(StringComparer.Ordinal);
        private int _done, _filesStored, _unchanged, _assets;
        private long _bytes;

        public void Count(ProcessedFile result)
        {
            _done++;
            _warnings.AddRange(result.Warnings);
            if (result.Failure is { } failure)
            {
                _failures.Add(failure);
            }
            else if (result.Unchanged)
            {
                _unchanged++;
            }
            else
            {
                _filesStored++;
                foreach (var asset in result.Assets)
                {
                    _assets++;
                    _bytes += asset.Blob.Length;
                    var kind = LayerKinds.Name(asset.LayerKind);
                    _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
                }
            }

            progress?.Report(new IngestProgress(_done, total, result.Source.RelativePath));
        }

        public IngestReport Report(IngestPlan plan, TimeSpan elapsed) => new()
        {
            Tenant = plan.TenantSlug,
            Project = plan.ProjectSlug,
            FilesSeen = plan.Files.Count + plan.Rejected.Count,
            FilesStored = _filesStored,
            FilesUnchanged = _unchanged,
            AssetsStored = _assets,
            BytesStored = _bytes,
            StoredByLayerKind = _byKind,
            Failures = [.. plan.Rejected, .. _failures.OrderBy(f => f.Path, StringComparer.Ordinal)],
            Warnings = _warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ToList(),
            Elapsed = elapsed,
        };
    }
}
