using Takt.Archive.Ingest;
using Takt.Archive.Tests.OpenRaster;

namespace Takt.Archive.Tests.Ingest;

/// <summary>One folder holding every kind of bad input beside good files, ingested once.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private const string Manifest = """
        {
          "tenant": "bad-inputs",
          "project": "mess",
          "contributors": [{ "id": "ann", "name": "Ann" }],
          "defaults": { "author": "ann", "licence": "CC0-1.0" },
          "files": [
            { "path": "good/one.png", "layer": "background" },
            { "path": "good/two.png", "layer": "key-drawing" },
            { "path": "empty.png" },
            { "path": "truncated.png" },
            { "path": "random.png" },
            { "path": "photo.png" },
            { "path": "bomb.png" },
            { "path": "missing.png" },
            { "path": "../outside.png" },
            { "path": "/etc/hostname" },
            { "path": "good/one.png", "layer": "colour" },
            { "path": "odd-kind.png", "layer": "sparkles" },
            { "path": "odd-licence.png", "licence": "not a licence" },
            { "path": "odd-category.png", "category": "fanfic" },
            { "path": "corrupt.ora" },
            { "path": "traversal.ora", "layer": "character" }
          ]
        }
        """;

    private IngestHarness? _harness;
    private IngestReport? _report;

    public IngestHarness Harness => _harness ?? throw new InvalidOperationException("not initialised");

    public IngestReport Report => _report ?? throw new InvalidOperationException("not initialised");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _harness = await IngestHarness.CreateAsync(ct);
        var input = Harness.Input;
        var root = Path.Combine(input.Path, "mess");

        async Task WriteAsync(string relative, byte[] bytes) => await File.WriteAllBytesAsync(input.Combine("mess", relative), bytes, ct);

        await File.WriteAllBytesAsync(input.Combine("outside.png"), TestImages.Png(seed: 99), ct);
        await File.WriteAllTextAsync(input.Combine("mess", "takt.json"), Manifest, ct);
        await WriteAsync("good/one.png", TestImages.Png(seed: 1));
        await WriteAsync("good/two.png", TestImages.Png(seed: 2));
        await WriteAsync("empty.png", []);
        var noisy = TestImages.NoisyPng();
        await WriteAsync("truncated.png", noisy[..(noisy.Length / 2)]);
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        await WriteAsync("random.png", random);
        await WriteAsync("photo.png", TestImages.Jpeg());
        await WriteAsync("bomb.png", TestImages.ClaimedSizePng(100_000, 100_000));
        await WriteAsync("odd-kind.png", TestImages.Png(seed: 3));
        await WriteAsync("odd-licence.png", TestImages.Png(seed: 4));
        await WriteAsync("odd-category.png", TestImages.Png(seed: 5));
        var ora = OraBuilder.Build(OraBuilder.StackXml("""<layer name="paint" src="data/paint.png"/>"""), new() { ["data/paint.png"] = TestImages.Png(seed: 6) });
        await WriteAsync("corrupt.ora", ora[..(ora.Length / 2)]);
        await WriteAsync("traversal.ora", OraBuilder.Build(
            OraBuilder.StackXml("""<layer name="paint" src="data/paint.png"/><layer name="escape" src="../evil.png"/>"""),
            new() { ["data/paint.png"] = TestImages.Png(seed: 8) }));

        _report = await Harness.IngestAsync(root, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
