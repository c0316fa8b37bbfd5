using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Archive.Datasets.Images;
using Takt.Archive.Datasets.Video;
using Takt.Persistence;
using Takt.Persistence.Datasets;

namespace Takt.Archive.Datasets;

public sealed partial class DatasetBuilder
{
    /// <summary>Outputs by derivation key: their blob, once derived or found.</summary>
    private readonly ConcurrentDictionary<string, BlobHash> _outputs = new(StringComparer.Ordinal);

    /// <summary>
    /// Derives every output no earlier build derived, in parallel (one image per core; libvips
    /// itself runs single-threaded per image, which scales better than threads inside one image).
    /// New derivations are remembered even when later outputs fail, so a retry starts further on.
    /// Returns the failures by key with a sentence naming the problem.
    /// </summary>
    private async Task<(int Derived, int Reused, IReadOnlyDictionary<string, string> Failed)> DeriveAsync(
        TaktDbContext db, IReadOnlyList<PlannedSample> samples, IProgress<DatasetProgress>? progress, CancellationToken cancellationToken)
    {
        var outputs = samples.SelectMany(s => s.Outputs).DistinctBy(o => o.Key).ToList();
        var keys = outputs.Select(o => o.Key).ToList();
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var row in await db.DatasetDerivations.AsNoTracking().Where(d => chunk.Contains(d.Key)).ToListAsync(cancellationToken))
            {
                known[row.Key] = row.OutputSha256;
            }
        }

        var reused = 0;
        var todo = new List<PlannedOutput>();
        foreach (var output in outputs)
        {
            if (known.TryGetValue(output.Key, out var sha) && await blobs.ExistsAsync(BlobHash.Parse(sha), cancellationToken))
            {
                _outputs[output.Key] = BlobHash.Parse(sha);
                reused++;
            }
            else
            {
                todo.Add(output);
            }
        }

        var failed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var fresh = new ConcurrentBag<DatasetDerivationRow>();
        var done = 0;
        try
        {
            // Frames before clips: a clip is encoded from its frames' outputs.
            var frames = todo.Where(o => o.Frames is null).ToList();
            var clips = todo.Where(o => o.Frames is not null).ToList();
            foreach (var batch in new[] { frames, clips })
            {
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (output, token) =>
                {
                    try
                    {
                        var put = await DeriveOneAsync(output, token);
                        _outputs[output.Key] = put.Hash;
                        fresh.Add(new DatasetDerivationRow { Key = output.Key, OutputSha256 = put.Hash.Hex, Bytes = put.Length, CreatedAt = time.GetUtcNow() });
                    }
                    catch (Exception e) when (e is DatasetImageException or ClipEncodingException)
                    {
                        failed[output.Key] = e.Message;
                    }

                    var count = Interlocked.Increment(ref done);
                    progress?.Report(new DatasetProgress("derive", count, todo.Count, output.Source.OriginalPath));
                });
            }
        }
        finally
        {
            await RememberAsync(fresh.ToList(), cancellationToken);
        }

        return (fresh.Count, reused, failed);
    }

    private async Task<BlobPut> DeriveOneAsync(PlannedOutput output, CancellationToken cancellationToken)
    {
        if (output.Frames is { } frames)
        {
            if (frames.FirstOrDefault(f => !_outputs.ContainsKey(f.Key)) is { } missing)
            {
                throw new ClipEncodingException($"frame {missing.Source.OriginalPath} could not be derived");
            }

            var temp = Path.Combine(Path.GetTempPath(), $"takt-clip-{Guid.NewGuid():N}.mp4");
            try
            {
                await _clips.EncodeAsync([.. frames.Select(f => blobs.PathOf(_outputs[f.Key]))], output.Fps, temp, cancellationToken);
                await using var clip = File.OpenRead(temp);
                return await blobs.PutAsync(clip, cancellationToken);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        var source = blobs.PathOf(BlobHash.Parse(output.Source.Sha256));
        if (!File.Exists(source))
        {
            throw new DatasetImageException($"its archived bytes ({output.Source.Sha256[..12]}…) are missing from the blob store");
        }

        var bytes = DatasetImages.Derive(source, output.Transform!);
        using var stream = new MemoryStream(bytes, writable: false);
        return await blobs.PutAsync(stream, cancellationToken);
    }

    /// <summary>Records new derivations; a key another build recorded meanwhile is simply skipped.</summary>
    private async Task RememberAsync(List<DatasetDerivationRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var db = contexts.Create();
        foreach (var chunk in rows.Chunk(500))
        {
            var keys = chunk.Select(r => r.Key).ToArray();
            var existing = await db.DatasetDerivations.AsNoTracking().Where(d => keys.Contains(d.Key)).Select(d => d.Key).ToListAsync(cancellationToken);
            db.DatasetDerivations.AddRange(chunk.Where(r => !existing.Contains(r.Key)));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent build recorded one of these keys between the read and the write:
                // the derivation is a cache, the other build's row says the same thing.
                db.ChangeTracker.Clear();
            }
        }
    }
}
