namespace Takt.Benchmarks.Lineage;

/// <summary>Timings of one question in milliseconds, with nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    /// <summary>Queries that ran past the timeout; each is counted at the timeout, so percentiles are lower bounds.</summary>
    public int TimedOut { get; private set; }

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public void AddTimeout(TimeSpan timeout)
    {
        _milliseconds.Add(timeout.TotalMilliseconds);
        TimedOut++;
    }

    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double Median => Percentile(50);

    public double Mean => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Average();
}
