using System.Text.Json;
using Takt.Archive.Demo;
using Takt.Archive.Ingest;
using Takt.Archive.Ingest.Manifests;

namespace Takt.Archive.Tests.Ingest;

/// <summary>Draws the demo production and ingests both studios once; the tests of a class read the result.</summary>
public sealed class DemoIngestFixture : IAsyncLifetime
{
    private IngestHarness? _harness;
    private IngestReport? _kumo;
    private IngestReport? _yoru;
    private DemoProductionSummary? _summary;

    public IngestHarness Harness => _harness ?? throw new InvalidOperationException("not initialised");

    public string Kumo => Path.Combine(Harness.Input.Path, DemoProduction.KumoFolder);

    public string Yoru => Path.Combine(Harness.Input.Path, DemoProduction.YoruFolder);

    public IngestReport KumoReport => _kumo ?? throw new InvalidOperationException("not initialised");

    public IngestReport YoruReport => _yoru ?? throw new InvalidOperationException("not initialised");

    public DemoProductionSummary Summary => _summary ?? throw new InvalidOperationException("not initialised");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _harness = await IngestHarness.CreateAsync(ct);
        _summary = await DemoProduction.WriteAsync(Harness.Input.Path, ct);
        _kumo = await Harness.IngestAsync(Kumo, ct);
        _yoru = await Harness.IngestAsync(Yoru, ct);
    }

    public static ProductionManifest Manifest(string folder) =>
        JsonSerializer.Deserialize<ProductionManifest>(File.ReadAllBytes(Path.Combine(folder, ProductionManifest.FileName)), ProductionManifest.JsonOptions)!;

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
