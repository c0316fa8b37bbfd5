using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Takt.Persistence.Sqlite;

/// <summary>
/// Sets WAL (readers never block the writer), a busy timeout (a second process waits instead of
/// failing with SQLITE_BUSY), foreign keys, and synchronous=NORMAL, which in WAL mode survives a
/// killed process: only an OS crash can lose the last commits, never corrupt the file.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
