using Takt.Archive.Demo;

namespace Takt.Archive.Tests.Demo;

/// <summary>Generates the demo once per test class: the read-only checks share it instead of drawing it again each.</summary>
public sealed class DemoProductionFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"takt-demo-{Guid.NewGuid():N}");

    public DemoProductionSummary Summary { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Summary = await DemoProduction.WriteAsync(Root, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
