#if TAKT_MERGER
using System.Diagnostics;
using System.Globalization;
using Takt.Engine.Models.Merging;
using Takt.Engine.Models.Safetensors;
#endif

namespace Takt.Benchmarks.Merge;

/// <summary>
/// <c>merge &lt;weighted-sum|add-difference&gt; &lt;out&gt; &lt;a&gt; &lt;b&gt; [c]</c>: Takt's contestant in
/// bench/merge.sh. Weighted sum is 0.5·A + 0.5·B (coefficients 1 and 1, normalised); add-difference
/// is A + 0.5·(B − C). Prints <c>seconds parameters</c>; peak RSS is measured outside by /usr/bin/time.
/// <c>merge hash &lt;files…&gt;</c> times, on its own, the SHA-256 of every input's data that the merger
/// takes beside the merge (provenance), to show the work it adds; prints <c>seconds</c>.
/// Compiled against Takt.Engine.Models.Merging only when that namespace is in the tree (TAKT_MERGER);
/// otherwise it says so and exits 3, so the benchmark reports the merger as missing.
/// </summary>
public static class MergeContestant
{
    public static async Task<int> RunAsync(string[] args)
    {
#if TAKT_MERGER
        if (args is ["hash", .. var paths])
        {
            var timer = Stopwatch.StartNew();
            var files = paths.Select(SafetensorsFile.Open).ToList();
            try
            {
                await Task.WhenAll(files.Select(f => f.DataHashAsync()));
            }
            finally
            {
                files.ForEach(f => f.Dispose());
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{timer.Elapsed.TotalSeconds:F3}"));
            return 0;
        }

#endif
        if (args.Length < 4 || args[0] is not ("weighted-sum" or "add-difference") || (args[0] == "add-difference" && args.Length < 5))
        {
            await Console.Error.WriteLineAsync("usage: merge <weighted-sum|add-difference> <out> <a> <b> [c]");
            return 2;
        }

#if TAKT_MERGER
        var recipe = args[0] == "weighted-sum"
            ? new MergeRecipe
            {
                Method = MergeMethod.WeightedSum,
                Inputs = [new MergeInput(Path.GetFullPath(args[2]), 1), new MergeInput(Path.GetFullPath(args[3]), 1)],
            }
            : new MergeRecipe
            {
                Method = MergeMethod.AddDifference,
                Inputs = [new MergeInput(Path.GetFullPath(args[2])), new MergeInput(Path.GetFullPath(args[3]))],
                Base = Path.GetFullPath(args[4]),
                Alpha = 0.5,
            };
        var clock = Stopwatch.StartNew();
        var result = await SafetensorsMerger.MergeAsync(recipe, Path.GetFullPath(args[1]), progress: null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F3} {result.ParameterCount}"));
        return 0;
#else
        await Console.Error.WriteLineAsync("merge: this build has no Takt.Engine.Models.Merging (the streaming merger has not landed on this branch)");
        return 3;
#endif
    }
}
