using System.Globalization;

namespace Takt.Benchmarks.Lineage;

/// <param name="Samples">Random generations attributed with the index.</param>
/// <param name="CteSamples">The first of those also attributed by each CTE (path enumeration is slow).</param>
/// <param name="Timeout">Per CTE query; a query past it counts as the timeout.</param>
public sealed record LineageBenchmarkOptions(
    bool Quick,
    string Folder,
    string PostgresAdmin,
    int Seed,
    int Samples,
    int CteSamples,
    TimeSpan Timeout,
    int ImpactRepeats,
    int CteImpactRepeats,
    bool KeepDatabases)
{
    /// <summary>The connection string of a PostgreSQL superuser (scripts/start-postgres.sh prints one); a database is created and dropped in it.</summary>
    public const string PostgresVariable = "TAKT_BENCH_POSTGRES";

    public LineageShape Shape => Quick ? LineageShape.Quick : LineageShape.Full;

    /// <summary>Parses <c>[--quick] [--out folder] [--samples n] [--cte-samples n] [--timeout seconds] [--seed n] [--keep]</c>.</summary>
    public static LineageBenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => args.SkipWhile(a => !string.Equals(a, name, StringComparison.Ordinal)).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        if (Environment.GetEnvironmentVariable(PostgresVariable) is not { Length: > 0 } admin)
        {
            errors.WriteLine($"lineage: {PostgresVariable} is not set; bench/run lineage starts PostgreSQL and sets it (or run scripts/start-postgres.sh and export the string it prints)");
            return null;
        }

        return new LineageBenchmarkOptions(
            Quick: quick,
            Folder: Value("--out") ?? Path.Combine("bench", "out", quick ? "lineage-quick" : "lineage"),
            PostgresAdmin: admin,
            Seed: Number("--seed", 20261123),
            Samples: Number("--samples", 2_000),
            CteSamples: Number("--cte-samples", quick ? 20 : 50),
            Timeout: TimeSpan.FromSeconds(Number("--timeout", quick ? 10 : 60)),
            ImpactRepeats: 7,
            CteImpactRepeats: 3,
            KeepDatabases: args.Contains("--keep"));
    }
}
