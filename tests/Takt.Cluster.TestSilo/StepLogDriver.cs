using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Takt.Cluster.Schema;
using Takt.Engine.Runs;

namespace Takt.Cluster.TestSilo;

/// <summary>
/// A real <see cref="IRunDriver"/> over a real database, standing in for the engine's executor: a
/// run is N steps, each logged when it starts (with the silo that ran it) and checkpointed when it
/// ends, so a test can see which silo ran what and that a resume skips checkpointed steps.
/// <paramref name="power"/> stands for the process itself: cancelling it stops every drive here at
/// once, as a kill -9 would, for silos that share the test's process.
/// </summary>
public sealed class StepLogDriver(OrleansProvider provider, string connectionString, string silo, TimeSpan stepDuration, CancellationToken power = default) : IRunDriver
{
    public string Silo => silo;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS test_runs (run_id VARCHAR(36) PRIMARY KEY, steps INTEGER NOT NULL, done INTEGER NOT NULL, status INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS test_step_log (run_id VARCHAR(36) NOT NULL, step INTEGER NOT NULL, silo VARCHAR(100) NOT NULL);
            CREATE TABLE IF NOT EXISTS test_drives (run_id VARCHAR(36) NOT NULL, silo VARCHAR(100) NOT NULL);
            """, cancellationToken);
    }

    public async Task CreateRunAsync(Guid runId, int steps, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO test_runs (run_id, steps, done, status) VALUES (@run, @steps, 0, 0)", cancellationToken,
            ("run", runId.ToString()), ("steps", steps));
    }

    public async Task<RunStatus> DriveAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var alive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, power);
        cancellationToken = alive.Token;
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO test_drives (run_id, silo) VALUES (@run, @silo)", cancellationToken, ("run", runId.ToString()), ("silo", silo));
        while (true)
        {
            var (steps, done, status) = await ReadRunAsync(connection, runId, cancellationToken);
            if (status is not (RunStatus.Queued or RunStatus.Running))
            {
                return status;
            }

            if (done >= steps)
            {
                await ExecuteAsync(connection, "UPDATE test_runs SET status = @status WHERE run_id = @run", cancellationToken,
                    ("run", runId.ToString()), ("status", (int)RunStatus.Succeeded));
                return RunStatus.Succeeded;
            }

            var step = done + 1;
            await ExecuteAsync(connection, "INSERT INTO test_step_log (run_id, step, silo) VALUES (@run, @step, @silo)", cancellationToken,
                ("run", runId.ToString()), ("step", step), ("silo", silo));
            await Task.Delay(stepDuration, cancellationToken);
            // The checkpoint: only the drive that saw done = step - 1 advances it, so a stray second drive cannot skip a step.
            await ExecuteAsync(connection, "UPDATE test_runs SET done = @step, status = @running WHERE run_id = @run AND done = @previous", cancellationToken,
                ("run", runId.ToString()), ("step", step), ("previous", done), ("running", (int)RunStatus.Running));
        }
    }

    public async Task CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "UPDATE test_runs SET status = @status WHERE run_id = @run AND status IN (0, 1)", cancellationToken,
            ("run", runId.ToString()), ("status", (int)RunStatus.Cancelled));
    }

    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT run_id FROM test_runs WHERE status IN (0, 1) ORDER BY run_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Guid.Parse(reader.GetString(0)));
        }

        return runs;
    }

    /// <summary>The run's status and how many steps are checkpointed.</summary>
    public async Task<(RunStatus Status, int Done)> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var (_, done, status) = await ReadRunAsync(connection, runId, cancellationToken);
        return (status, done);
    }

    /// <summary>Every step start, in order: (step, silo).</summary>
    public async Task<IReadOnlyList<(int Step, string Silo)>> StepLogAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT step, silo FROM test_step_log WHERE run_id = @run", ("run", runId.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var log = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            log.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return log;
    }

    /// <summary>The silos that called DriveAsync for the run, one entry per call.</summary>
    public async Task<IReadOnlyList<string>> DrivesAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT silo FROM test_drives WHERE run_id = @run", ("run", runId.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var drives = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            drives.Add(reader.GetString(0));
        }

        return drives;
    }

    private static async Task<(int Steps, int Done, RunStatus Status)> ReadRunAsync(DbConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT steps, done, status FROM test_runs WHERE run_id = @run", ("run", runId.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"no run {runId}");
        }

        return (reader.GetInt32(0), reader.GetInt32(1), (RunStatus)reader.GetInt32(2));
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = provider == OrleansProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
