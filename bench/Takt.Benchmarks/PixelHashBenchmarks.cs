using BenchmarkDotNet.Attributes;
using NetVips;
using Takt.Archive.Media;

namespace Takt.Benchmarks;

/// <summary>The pixel identity of one 2048² RGBA layer: decode plus sha256 of the raw samples.</summary>
[MemoryDiagnoser]
public class PixelHashBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "takt-bench-pixelhash");
        await LayerFixtures.WriteAsync(folder, 1, 2048, CancellationToken.None);
        _path = Path.Combine(folder, "layer_00000.png");
    }

    [Benchmark]
    public string DecodeAndHash()
    {
        using var image = Image.NewFromFile(_path, access: Enums.Access.Sequential);
        return ImageProbe.PixelHash(image, CancellationToken.None);
    }
}
