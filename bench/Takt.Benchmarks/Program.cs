using BenchmarkDotNet.Running;
using Takt.Benchmarks;

// `gen-layers <folder> <count> [side]` writes benchmark fixtures; anything else goes to BenchmarkDotNet.
if (args is ["gen-layers", var folder, var count, ..])
{
    var side = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2048;
    return await LayerFixtures.WriteAsync(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), side, CancellationToken.None);
}

BenchmarkSwitcher.FromAssembly(typeof(LayerFixtures).Assembly).Run(args);
return 0;
