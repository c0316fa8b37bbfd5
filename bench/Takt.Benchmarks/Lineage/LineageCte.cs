namespace Takt.Benchmarks.Lineage;

/// <summary>
/// The peer: the same two questions asked of the tables as recursive CTEs, the way a system
/// without an index answers them. Attribution follows the path-sum definition literally (every
/// path from the node up to a root, the product of its weights, summed per root); impact is
/// downstream reachability with UNION so each node is visited once.
/// </summary>
public interface ILineageCte : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Share per root sequence number, or null when the query ran past the timeout.</summary>
    Task<Dictionary<long, double>?> AttributeAsync(long seq, CancellationToken cancellationToken);

    /// <summary>How many nodes are downstream of the node (not counting it), or null on timeout.</summary>
    Task<long?> ImpactAsync(long seq, CancellationToken cancellationToken);
}

/// <summary>One text for both databases: both read these CTEs the same way.</summary>
internal static class LineageCteSql
{
    public const string Attribution = """
        WITH RECURSIVE walk(node, w) AS (
            SELECT CAST(@seq AS BIGINT), CAST(1.0 AS DOUBLE PRECISION)
            UNION ALL
            SELECT e."ParentSeq", walk.w * e."Weight" FROM walk JOIN lineage_edges e ON e."ChildSeq" = walk.node
        )
        SELECT node, SUM(w) FROM walk
        WHERE NOT EXISTS (SELECT 1 FROM lineage_edges p WHERE p."ChildSeq" = walk.node)
        GROUP BY node
        """;

    public const string Impact = """
        WITH RECURSIVE down(node) AS (
            SELECT CAST(@seq AS BIGINT)
            UNION
            SELECT e."ChildSeq" FROM down JOIN lineage_edges e ON e."ParentSeq" = down.node
        )
        SELECT COUNT(*) - 1 FROM down
        """;
}
