using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// The CTEs on SQLite over one open connection with a 256 MiB page cache (more than the app's
/// default, to give the peer its best case). SQLite has no statement timeout: a timer interrupts
/// the running statement, which then fails with SQLITE_INTERRUPT.
/// </summary>
public sealed class SqliteLineageCte : ILineageCte
{
    private readonly SqliteConnection _connection;
    private readonly TimeSpan _timeout;
    private readonly SqliteCommand _attribute;
    private readonly SqliteCommand _impact;

    private SqliteLineageCte(SqliteConnection connection, TimeSpan timeout)
    {
        _connection = connection;
        _timeout = timeout;
        _attribute = Command(connection, LineageCteSql.Attribution);
        _impact = Command(connection, LineageCteSql.Impact);
    }

    public string Name => "sqlite";

    public static async Task<SqliteLineageCte> OpenAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size=-262144; PRAGMA query_only=ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SqliteLineageCte(connection, timeout);
    }

    public async Task<Dictionary<long, double>?> AttributeAsync(long seq, CancellationToken cancellationToken)
    {
        _attribute.Parameters["@seq"].Value = seq;
        var shares = new Dictionary<long, double>();
        return await InterruptedAfterTimeoutAsync(async () =>
        {
            await using var read = await _attribute.ExecuteReaderAsync(cancellationToken);
            while (await read.ReadAsync(cancellationToken))
            {
                shares[read.GetInt64(0)] = read.GetDouble(1);
            }

            return shares;
        });
    }

    public async Task<long?> ImpactAsync(long seq, CancellationToken cancellationToken)
    {
        _impact.Parameters["@seq"].Value = seq;
        return await InterruptedAfterTimeoutAsync(async () => (long?)Convert.ToInt64(await _impact.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<T?> InterruptedAfterTimeoutAsync<T>(Func<Task<T>> query)
    {
        using var deadline = new CancellationTokenSource(_timeout);
        await using var interrupt = deadline.Token.Register(() => raw.sqlite3_interrupt(_connection.Handle));
        try
        {
            return await query();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == raw.SQLITE_INTERRUPT && deadline.IsCancellationRequested)
        {
            return default;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter("@seq", 0L));
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _attribute.DisposeAsync();
        await _impact.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
