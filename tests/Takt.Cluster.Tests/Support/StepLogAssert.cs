namespace Takt.Cluster.Tests.Support;

/// <summary>What a resumed run's step log must show: every step ran, and only a step in flight at a stop ran twice.</summary>
public static class StepLogAssert
{
    public static void EveryStepOnceExceptInFlight(IReadOnlyList<(int Step, string Silo)> log, int steps, int interruptions)
    {
        var counts = log.GroupBy(e => e.Step).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, steps), counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 1, 2));
        Assert.True(counts.Values.Count(c => c == 2) <= interruptions,
            $"only the step in flight at each of {interruptions} stop(s) may run twice, but these did: {string.Join(", ", counts.Where(c => c.Value == 2).Select(c => c.Key))}");
    }
}
