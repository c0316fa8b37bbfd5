namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiBackend
{
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
