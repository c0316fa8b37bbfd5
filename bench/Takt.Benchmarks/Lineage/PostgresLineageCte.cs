using Npgsql;

namespace Takt.Benchmarks.Lineage;

/// <summary>The CTEs on PostgreSQL over one open connection, prepared, with the server's statement_timeout.</summary>
public sealed class PostgresLineageCte : ILineageCte
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _attribute;
    private readonly NpgsqlCommand _impact;

    private PostgresLineageCte(NpgsqlConnection connection)
    {
        _connection = connection;
        _attribute = Command(connection, LineageCteSql.Attribution);
        _impact = Command(connection, LineageCteSql.Impact);
    }

    public string Name => "postgres";

    public static async Task<PostgresLineageCte> OpenAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A whole number of milliseconds from our own option, so it is safe in SET (which takes no parameters).
        await using (var set = new NpgsqlCommand($"SET statement_timeout = {(long)timeout.TotalMilliseconds}", connection))
        {
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        var cte = new PostgresLineageCte(connection);
        await cte._attribute.PrepareAsync(cancellationToken);
        await cte._impact.PrepareAsync(cancellationToken);
        return cte;
    }

    public async Task<Dictionary<long, double>?> AttributeAsync(long seq, CancellationToken cancellationToken)
    {
        _attribute.Parameters["seq"].Value = seq;
        var shares = new Dictionary<long, double>();
        try
        {
            await using var read = await _attribute.ExecuteReaderAsync(cancellationToken);
            while (await read.ReadAsync(cancellationToken))
            {
                shares[read.GetInt64(0)] = read.GetDouble(1);
            }

            return shares;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return null;
        }
    }

    public async Task<long?> ImpactAsync(long seq, CancellationToken cancellationToken)
    {
        _impact.Parameters["seq"].Value = seq;
        try
        {
            return (long?)await _impact.ExecuteScalarAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return null;
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("seq", 0L));
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _attribute.DisposeAsync();
        await _impact.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
