namespace Takt.TestKit.Databases;

/// <summary>
/// Where the PostgreSQL tests find their server: <c>TAKT_TEST_POSTGRES</c>, a connection string for
/// a superuser (scripts/start-postgres.sh prints one). Without it the tests skip with that reason,
/// unless <c>TAKT_REQUIRE_POSTGRES=1</c> (CI), where a missing server fails the run instead.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionVariable = "TAKT_TEST_POSTGRES";
    public const string RequireVariable = "TAKT_REQUIRE_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable(RequireVariable), "1", StringComparison.Ordinal);

    /// <summary>Returns the connection string, or skips the current test (fails it when PostgreSQL is required).</summary>
    public static string Require()
    {
        if (ConnectionString is { } connection)
        {
            return connection;
        }

        var reason = $"{ConnectionVariable} is not set: run scripts/start-postgres.sh and export {ConnectionVariable} with the connection string it prints";
        if (Required)
        {
            Assert.Fail($"{RequireVariable}=1 but {reason}");
        }

        Assert.Skip($"PostgreSQL tests skipped: {reason}");
        throw new System.Diagnostics.UnreachableException();
    }
}
