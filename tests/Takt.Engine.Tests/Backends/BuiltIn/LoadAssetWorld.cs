using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Ingest;
using Takt.Persistence.Archive;
using Takt.TestKit.Databases;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Backends.BuiltIn;

/// <summary>
/// A small real archive: studio-a with an image cleared for reference use, one refused, a clip
/// and a layered file; studio-b with an image cleared for reference use. Ingested once per class.
/// </summary>
public sealed class LoadAssetWorld : IAsyncLifetime
{
    private readonly TempFolder _input = new("takt-load-input");

    public SqliteDatabase Database { get; } = new();

    public LocalBlobStore Blobs { get; private set; } = null!;

    public IReadOnlyDictionary<string, AssetRow> Assets { get; private set; } = new Dictionary<string, AssetRow>();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await Database.InitializeAsync();
        Blobs = new LocalBlobStore(Path.Combine(Database.Folder, "blobs"));
        var audit = new AuditLog(Path.Combine(Database.Folder, "audit.head"), TimeProvider.System);
        var ingest = new IngestService(Database.Contexts, Blobs, audit, TimeProvider.System);

        using (var allowed = TestPictures.Gradient(40, 30, seed: 1))
        using (var refused = TestPictures.Gradient(40, 30, seed: 2))
        using (var other = TestPictures.Gradient(40, 30, seed: 3))
        {
            allowed.WriteToFile(_input.Combine("a", "allowed.png"));
            refused.WriteToFile(_input.Combine("a", "refused.png"));
            other.WriteToFile(_input.Combine("b", "other.png"));
        }

        await WriteClipAsync(_input.Combine("a", "clip.mp4"), ct);
        await File.WriteAllTextAsync(_input.Combine("a", "takt.json"), """
            {
              "tenant": "studio-a", "project": "show",
              "contributors": [{"id": "ann", "name": "Ann"}],
              "defaults": {"author": "ann", "licence": "LicenseRef-studio", "licenceTerms": "internal use"},
              "files": [
                {"path": "allowed.png", "layer": "background", "work": "allowed", "consent": {"reference-use": "allowed"}},
                {"path": "refused.png", "layer": "background", "work": "refused", "consent": {"reference-use": "not-allowed"}},
                {"path": "clip.mp4", "layer": "reference", "work": "clip", "consent": {"reference-use": "allowed"}}
              ]
            }
            """, ct);
        await File.WriteAllTextAsync(_input.Combine("b", "takt.json"), """
            {
              "tenant": "studio-b", "project": "other-show",
              "contributors": [{"id": "bo", "name": "Bo"}],
              "defaults": {"author": "bo", "licence": "CC0-1.0"},
              "files": [{"path": "other.png", "layer": "background", "work": "other", "consent": {"reference-use": "allowed"}}]
            }
            """, ct);

        foreach (var folder in new[] { "a", "b" })
        {
            var report = await ingest.IngestAsync(Path.Combine(_input.Path, folder), new IngestOptions(), null, ct);
            Assert.True(report.Failures.Count == 0, string.Join("; ", report.Failures));
        }

        await using var db = Database.Contexts.Create();
        Assets = (await db.Assets.AsNoTracking().ToListAsync(ct)).ToDictionary(a => Path.GetFileNameWithoutExtension(a.OriginalPath), StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _input.Dispose();
        await Database.DisposeAsync();
    }

    private static async Task WriteClipAsync(string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=4:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-y", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, stderr);
    }
}
