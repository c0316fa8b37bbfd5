using System.Diagnostics;
using Takt.Domain.Lineage;
using Takt.Provenance.Lineage;

namespace Takt.Benchmarks.Lineage;

public static partial class LineageBenchmark
{
    /// <param name="HeapBytes">Growth of the managed heap across the load, after full collections.</param>
    /// <param name="SubsetAttribute">The index's timings for the samples the CTEs also answer, first asked (models not yet remembered).</param>
    /// <param name="WarmSubsetAttribute">The same samples asked again after all the others, as a running server would answer them.</param>
    private sealed record TaktFigures(
        LineageIndex Index, TimeSpan Load, long MemoryBytes, long HeapBytes,
        Latencies Attribute, Latencies SubsetAttribute, Latencies WarmSubsetAttribute, List<int> SourceCounts, Latencies Impact, int ImpactNodes);

    /// <param name="Checked">Attributions compared with the index's (every one that finished).</param>
    private sealed record CteFigures(
        string Name, Latencies Attribute, int Checked, int Mismatches, double MaxDifference,
        Latencies Impact, long? ImpactNodes, bool ImpactMatches);

    private static async Task<TaktFigures?> MeasureTaktAsync(LineageStore store, LineageWorkload workload, LineageBenchmarkOptions options, CancellationToken cancellationToken)
    {
        // Each heap reading from a fresh thread-pool stack, so no finished frame still holds the loader's temporaries.
        await Task.Yield();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var start = Stopwatch.GetTimestamp();
        var index = await store.IndexAsync(cancellationToken);
        var load = Stopwatch.GetElapsedTime(start);
        await Task.Yield();
        var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        // Node n of the generator is sequence n + 1, which the loader must have made node n again.
        if (index.NodeCount != workload.Nodes || index.EdgeCount != workload.Edges
            || workload.Samples.Where((n, i) => index.IdOf(n).Value != workload.SampleIds[i]).Any()
            || index.IdOf(workload.Popular).Value != workload.PopularId)
        {
            Console.Error.WriteLine($"lineage: the index holds {index.NodeCount:N0} nodes and {index.EdgeCount:N0} edges, numbered differently from the {workload.Nodes:N0} and {workload.Edges:N0} written");
            return null;
        }

        foreach (var node in workload.WarmUp)
        {
            index.Attribute(node);
        }

        var (attribute, subset, sources) = (new Latencies(), new Latencies(), new List<int>());
        for (var i = 0; i < workload.Samples.Length; i++)
        {
            var begun = Stopwatch.GetTimestamp();
            var shares = index.Attribute(workload.Samples[i]);
            var elapsed = Stopwatch.GetElapsedTime(begun);
            attribute.Add(elapsed);
            if (i < options.CteSamples)
            {
                subset.Add(elapsed);
            }

            sources.Add(shares.Count);
            var total = shares.Sum(s => s.Share);
            if (Math.Abs(total - 1) > Tolerance)
            {
                Console.Error.WriteLine($"lineage: the attribution of node {workload.Samples[i]} sums to {total:R}, not 1");
                return null;
            }
        }

        var warmSubset = new Latencies();
        foreach (var node in workload.Samples.Take(options.CteSamples))
        {
            var begun = Stopwatch.GetTimestamp();
            index.Attribute(node);
            warmSubset.Add(Stopwatch.GetElapsedTime(begun));
        }

        // Warmed up as a running server would be, past the 30 calls after which the JIT
        // recompiles a method fully optimised; the attribution warm-up above does the same.
        var impact = new Latencies();
        var reached = 0;
        for (var w = 0; w < 40; w++)
        {
            reached = index.Downstream([workload.Popular]).Count;
        }

        for (var r = 0; r < options.ImpactRepeats; r++)
        {
            var begun = Stopwatch.GetTimestamp();
            reached = index.Downstream([workload.Popular]).Count;
            impact.Add(Stopwatch.GetElapsedTime(begun));
        }

        return new TaktFigures(index, load, index.MemoryBytes, heap, attribute, subset, warmSubset, sources, impact, reached);
    }

    private static async Task<CteFigures> MeasureCteAsync(ILineageCte cte, TaktFigures takt, LineageWorkload workload, LineageBenchmarkOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var count = Math.Min(options.CteSamples, workload.Samples.Length);
        progress($"{cte.Name}: {count} attribution CTEs (timeout {options.Timeout.TotalSeconds:F0} s each), then impact ×{options.CteImpactRepeats}");
        // One query on another generation first, so the first sample does not pay for a cold plan cache.
        await cte.AttributeAsync(SyntheticLineage.SeqOf(workload.WarmUp[0]), cancellationToken);

        var (attribute, compared, mismatches, worst) = (new Latencies(), 0, 0, 0.0);
        for (var i = 0; i < count; i++)
        {
            var node = workload.Samples[i];
            var begun = Stopwatch.GetTimestamp();
            var shares = await cte.AttributeAsync(SyntheticLineage.SeqOf(node), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(begun);
            if (shares is null)
            {
                attribute.AddTimeout(options.Timeout);
                progress($"{cte.Name}: attribution of node {node} timed out ({takt.SourceCounts[i]:N0} sources)");
                continue;
            }

            attribute.Add(elapsed);
            var difference = Difference(takt.Index.Attribute(node), shares);
            compared++;
            worst = Math.Max(worst, difference);
            mismatches += difference > Tolerance ? 1 : 0;
            if ((i + 1) % 10 == 0)
            {
                progress($"{cte.Name}: {i + 1}/{count} attributions");
            }
        }

        var impact = new Latencies();
        long? reached = null;
        var matches = true;
        for (var r = 0; r < options.CteImpactRepeats; r++)
        {
            var begun = Stopwatch.GetTimestamp();
            var result = await cte.ImpactAsync(SyntheticLineage.SeqOf(workload.Popular), cancellationToken);
            if (result is not { } nodes)
            {
                impact.AddTimeout(options.Timeout);
                continue;
            }

            impact.Add(Stopwatch.GetElapsedTime(begun));
            reached = nodes;
            matches &= nodes == takt.ImpactNodes;
        }

        return new CteFigures(cte.Name, attribute, compared, mismatches, worst, impact, reached, matches);
    }

    /// <summary>The largest difference per source between the index's shares and a CTE's (keyed by sequence), a missing source counting as 0.</summary>
    private static double Difference(IReadOnlyList<AttributionShare> index, Dictionary<long, double> cte)
    {
        var worst = 0.0;
        foreach (var share in index)
        {
            worst = Math.Max(worst, Math.Abs(share.Share - cte.GetValueOrDefault(SyntheticLineage.SeqOf(share.Node))));
        }

        var indexed = index.Select(s => SyntheticLineage.SeqOf(s.Node)).ToHashSet();
        foreach (var (seq, share) in cte)
        {
            if (!indexed.Contains(seq))
            {
                worst = Math.Max(worst, Math.Abs(share));
            }
        }

        return worst;
    }
}
