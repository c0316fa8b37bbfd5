namespace Takt.Cli.Tests;

/// <summary>One workspace with the demo production ingested (and Mei's work revoked), shared by a test class.</summary>
public sealed class DemoWorkspace : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    public string Root => _temp.Combine("workspace");

    public CliResult Demo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Demo = await CliRunner.RunAsync("demo", "--workspace", Root, "--json");

    public async Task<string> AssetIdAsync(string kind, string nameContains)
    {
        var list = await CliRunner.RunAsync("assets", "list", "-w", Root, "--kind", kind, "--json", "--limit", "1000");
        return list.Json().GetProperty("assets").EnumerateArray()
            .First(a => a.GetProperty("name").GetString()!.Contains(nameContains, StringComparison.Ordinal))
            .GetProperty("id").GetString()!;
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
