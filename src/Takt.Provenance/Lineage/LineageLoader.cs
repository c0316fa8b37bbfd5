using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Persistence;

namespace Takt.Provenance.Lineage;

/// <summary>
/// Reads the lineage tables into the index with plain data readers: EF would materialise ten
/// million edge objects only for the index to throw them away.
/// </summary>
internal static class LineageLoader
{
    private static readonly Dictionary<string, LineageNodeKind> Kinds =
        LineageNodeKinds.All.ToDictionary(LineageNodeKinds.Name, k => k, StringComparer.Ordinal);

    public static async Task<LineageIndex> LoadAsync(TaktDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (nodes, edges) = await CountsAsync(connection, cancellationToken);
            var builder = new LineageIndex.Builder((int)nodes, (int)edges);
            await using (var read = await ReaderAsync(connection, """SELECT "Seq", "Id", "TenantId", "Kind" FROM lineage_nodes ORDER BY "Seq" """, 0, cancellationToken))
            {
                while (await read.ReadAsync(cancellationToken))
                {
                    var (seq, id, tenant) = (read.GetInt64(0), read.GetGuid(1), read.IsDBNull(2) ? (TenantId?)null : new TenantId(read.GetGuid(2)));
                    builder.AddNode(seq, id, KindOf(read.GetString(3)), tenant);
                }
            }

            await using (var read = await ReaderAsync(connection, """SELECT "ChildSeq", "Ordinal", "ParentSeq", "Weight" FROM lineage_edges""", 0, cancellationToken))
            {
                while (await read.ReadAsync(cancellationToken))
                {
                    builder.AddEdge(read.GetInt64(0), read.GetInt32(1), read.GetInt64(2), read.GetDouble(3));
                }
            }

            return builder.Build();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Nodes recorded after the index's last sequence, by this process or another.</summary>
    public static async Task<IReadOnlyList<IndexedNode>> TailAsync(TaktDbContext db, long after, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var nodes = new List<(long Seq, Guid Id, LineageNodeKind Kind, TenantId? Tenant)>();
            await using (var read = await ReaderAsync(connection, """SELECT "Seq", "Id", "TenantId", "Kind" FROM lineage_nodes WHERE "Seq" > @after ORDER BY "Seq" """, after, cancellationToken))
            {
                while (await read.ReadAsync(cancellationToken))
                {
                    var (seq, id, tenant) = (read.GetInt64(0), read.GetGuid(1), read.IsDBNull(2) ? (TenantId?)null : new TenantId(read.GetGuid(2)));
                    nodes.Add((seq, id, KindOf(read.GetString(3)), tenant));
                }
            }

            if (nodes.Count == 0)
            {
                return [];
            }

            var parents = new Dictionary<long, List<(LineageNodeId, double)>>();
            await using (var read = await ReaderAsync(connection, """
                SELECT e."ChildSeq", p."Id", e."Weight" FROM lineage_edges e
                JOIN lineage_nodes p ON p."Seq" = e."ParentSeq"
                WHERE e."ChildSeq" > @after ORDER BY e."ChildSeq", e."Ordinal"
                """, after, cancellationToken))
            {
                while (await read.ReadAsync(cancellationToken))
                {
                    var child = read.GetInt64(0);
                    (parents.TryGetValue(child, out var list) ? list : parents[child] = []).Add((new LineageNodeId(read.GetGuid(1)), read.GetDouble(2)));
                }
            }

            return [.. nodes.Select(n => new IndexedNode(n.Seq, new LineageNodeId(n.Id), n.Kind, n.Tenant, parents.GetValueOrDefault(n.Seq) ?? []))];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<long> LastSeqAsync(TaktDbContext db, CancellationToken cancellationToken) =>
        await db.LineageNodes.IgnoreQueryFilters().MaxAsync(n => (long?)n.Seq, cancellationToken) ?? 0;

    private static LineageNodeKind KindOf(string name) =>
        Kinds.TryGetValue(name, out var kind) ? kind : throw new InvalidDataException($"lineage_nodes holds an unknown kind '{name}'");

    private static async Task<(long Nodes, long Edges)> CountsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT (SELECT COUNT(*) FROM lineage_nodes), (SELECT COUNT(*) FROM lineage_edges)""";
        await using var read = await command.ExecuteReaderAsync(cancellationToken);
        await read.ReadAsync(cancellationToken);
        return (read.GetInt64(0), read.GetInt64(1));
    }

    private static async Task<DbDataReader> ReaderAsync(DbConnection connection, string sql, long after, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@after";
        parameter.Value = after;
        command.Parameters.Add(parameter);
        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
    }
}
