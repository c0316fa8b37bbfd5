using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using Takt.Archive.Datasets.Layouts;
using Takt.Archive.Tests.Ingest;
using Takt.Domain.Datasets;
using Takt.TestKit.Files;

namespace Takt.Archive.Tests.Datasets.Layouts;

/// <summary>Source files, samples and staging roots for layout tests, and checks every layout must pass.</summary>
internal sealed class LayoutHarness : IDisposable
{
    private readonly TempFolder _folder = new("takt-layouts");
    private int _roots;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DatasetRecipe Recipe(TargetSpec target, string name = "mika") =>
        new() { Name = name, Tenant = "studio", Target = target };

    /// <summary>A real PNG (libvips gradient); the seed makes the bytes differ per file.</summary>
    public string Png(string name, int seed) => Write(name, TestImages.Png(seed));

    public string Write(string name, byte[] bytes)
    {
        var path = _folder.Combine("sources", name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public LayoutSample Sample(string stem, string caption, int seed, bool conditioning = false, bool mask = false) => new()
    {
        Stem = stem,
        Asset = new Guid(seed, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)seed]),
        Caption = caption,
        MediaFile = Png($"{stem}.png", seed),
        ConditioningFile = conditioning ? Png($"{stem}-cond.png", seed + 100) : null,
        MaskFile = mask ? Png($"{stem}-mask.png", seed + 200) : null,
        Bucket = new PixelSize(64, 64),
    };

    /// <summary>Writes into a fresh empty root and checks the entries against the files on disk.</summary>
    public async Task<(string Root, IReadOnlyList<LayoutEntry> Entries)> WriteAsync(DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples)
    {
        var root = Directory.CreateDirectory(Path.Combine(_folder.Path, $"root{++_roots}")).FullName;
        var entries = await DatasetLayouts.WriteAsync(recipe, samples, root, Ct);
        AssertEntriesMatchDisk(root, entries);
        return (root, entries);
    }

    /// <summary>The same samples, given in reverse order, written twice: entries and every byte must agree.</summary>
    public async Task<(string Root, IReadOnlyList<LayoutEntry> Entries)> WriteTwiceAsync(DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples)
    {
        var first = await WriteAsync(recipe, samples);
        var second = await WriteAsync(recipe, samples.Reverse().ToArray());
        Assert.Equal(first.Entries, second.Entries);
        foreach (var file in Files(first.Root))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Root, file)), File.ReadAllBytes(Path.Combine(second.Root, file)));
        }

        Assert.Equal(Files(first.Root), Files(second.Root));
        return first;
    }

    /// <summary>Relative paths of every file under <paramref name="root"/>, '/'-separated, ordinal order.</summary>
    public static string[] Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string Text(string root, string path) => File.ReadAllText(Path.Combine(root, path));

    /// <summary>Runs /usr/bin/python3 (part of the Debian image CI runs on) and returns its stdout.</summary>
    public static async Task<string> PythonAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"python3 failed: {await stderr}");
        return await stdout;
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertEntriesMatchDisk(string root, IReadOnlyList<LayoutEntry> entries)
    {
        Assert.Equal(entries.Select(e => e.Path).Order(StringComparer.Ordinal), entries.Select(e => e.Path));
        Assert.Equal(entries.Count, entries.Select(e => e.Path).Distinct(StringComparer.Ordinal).Count());
        var files = entries.Where(e => !e.Path.Contains('#', StringComparison.Ordinal)).ToArray();
        Assert.Equal(Files(root), files.Select(e => e.Path));
        foreach (var entry in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, entry.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.Sha256);
            Assert.Equal(bytes.Length, entry.Bytes);
        }

        foreach (var shard in files.Where(e => e.Kind == LayoutEntryKind.Shard))
        {
            var members = TarMembers(Path.Combine(root, shard.Path));
            var listed = entries.Where(e => e.Path.StartsWith(shard.Path + "#", StringComparison.Ordinal)).ToArray();
            Assert.Equal(members.Select(m => shard.Path + "#" + m.Name).Order(StringComparer.Ordinal), listed.Select(e => e.Path));
            foreach (var member in members)
            {
                var entry = listed.Single(e => e.Path == shard.Path + "#" + member.Name);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(member.Bytes)), entry.Sha256);
                Assert.Equal(member.Bytes.Length, entry.Bytes);
            }
        }
    }

    public static List<(string Name, byte[] Bytes, TarEntry Entry)> TarMembers(string tar)
    {
        var members = new List<(string, byte[], TarEntry)>();
        using var stream = File.OpenRead(tar);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            members.Add((entry.Name, data.ToArray(), entry));
        }

        return members;
    }
}
