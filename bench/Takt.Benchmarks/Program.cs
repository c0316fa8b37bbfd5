using BenchmarkDotNet.Running;
using Takt.Benchmarks;
using Takt.Benchmarks.Lineage;

// `gen-layers <folder> <count> [side]`, `gen-dataset <folder> <count>` and `gen-merge <folder>
// <full|quick>` write benchmark fixtures; `merge …` is the merge benchmark's Takt contestant; `curves [--quick]` times curve
// evaluation; `lineage [--quick]` runs the
// lineage benchmark against its CTE peers; anything else goes to BenchmarkDotNet.
if (args is ["gen-layers", var folder, var count, ..])
{
    var side = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2048;
    return await LayerFixtures.WriteAsync(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), side, CancellationToken.None);
}

if (args is ["gen-dataset", var dsFolder, var dsCount])
{
    return await DatasetFixtures.WriteAsync(dsFolder, int.Parse(dsCount, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
}

if (args is ["gen-merge", .. var genArgs])
{
    return await Takt.Benchmarks.Merge.SdxlUnetFixtures.RunAsync(genArgs);
}

if (args is ["merge", .. var mergeArgs])
{
    return await Takt.Benchmarks.Merge.MergeContestant.RunAsync(mergeArgs);
}

if (args is ["engine-phases", var phaseNodes])
{
    Takt.Benchmarks.Engine.EnginePhases.Run(int.Parse(phaseNodes, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (args is ["render", .. var renderArgs])
{
    return await Takt.Benchmarks.Render.RenderBenchmark.RunAsync(renderArgs, CancellationToken.None);
}

if (args is ["c2pa", .. var c2paArgs])
{
    return await Takt.Benchmarks.C2pa.C2paBenchmark.RunAsync(c2paArgs, CancellationToken.None);
}

if (args is ["curves", .. var curveArgs])
{
    return Takt.Benchmarks.Curves.CurveBenchmark.Run(curveArgs);
}

if (args is ["engine", .. var engineArgs])
{
    return await Takt.Benchmarks.Engine.EngineBenchmark.RunAsync(engineArgs, CancellationToken.None);
}

if (args is ["lineage", .. var rest])
{
    using var cancel = new CancellationTokenSource();
    // Ctrl+C cancels instead of killing, so the benchmark's PostgreSQL database is still dropped.
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return LineageBenchmarkOptions.Parse(rest, Console.Error) is { } options
        ? await LineageBenchmark.RunAsync(options, cancel.Token)
        : 2;
}

BenchmarkSwitcher.FromAssembly(typeof(LayerFixtures).Assembly).Run(args);
return 0;
