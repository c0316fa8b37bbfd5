namespace Takt.Cli.Tests;

public sealed class SiloCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Silo_SqliteWorkspace_ExitOneSayingItNeedsPostgres()
    {
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);

        var result = await CliRunner.RunAsync("silo", "-w", ws);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PostgreSQL workspace", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
