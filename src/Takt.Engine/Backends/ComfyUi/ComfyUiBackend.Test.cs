namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiBackend : IBackendProbe
{
    async Task<BackendHealth> IBackendProbe.TestAsync(CancellationToken cancellationToken)
    {
        var report = await TestAsync(cancellationToken);
        var lines = new List<string> { $"endpoint {report.Endpoint}" };
        lines.AddRange(report.Devices.Select(d => $"device {d.Name} ({d.Type}), {d.VramFree / (1 << 20)} of {d.VramTotal / (1 << 20)} MiB free"));
        lines.AddRange(report.Templates.Select(t => t.Problems.Count == 0
            ? $"template {t.NodeType}@{t.Version}: ready"
            : $"template {t.NodeType}@{t.Version}: {string.Join("; ", t.Problems)}"));
        return new BackendHealth(report.Ready, $"comfyui {report.Version}", lines);
    }

    /// <summary>
    /// Asks the server who it is and what it offers, and checks every template against it: each
    /// node class present (a missing custom node shows up here, not at run time) and each targeted input known.
    /// </summary>
    public async Task<ComfyUiTestReport> TestAsync(CancellationToken cancellationToken)
    {
        var stats = await Client.GetSystemStatsAsync(cancellationToken);
        _version = stats.Version;
        var objectInfo = await Client.GetObjectInfoAsync(cancellationToken);
        var checks = Templates
            .Select(t => new ComfyUiTemplateCheck(t.NodeTypeName, t.Version, t.Check(objectInfo)))
            .ToList();
        return new ComfyUiTestReport(Client.Endpoint.ToString(), stats.Version, stats.Devices, checks);
    }
}
