namespace Takt.Engine.Backends.ComfyUi;

/// <summary>What <c>takt backends test</c> shows for a ComfyUI backend: the server, its devices, and whether each template can run there.</summary>
public sealed record ComfyUiTestReport(string Endpoint, string Version, IReadOnlyList<ComfyUiDevice> Devices, IReadOnlyList<ComfyUiTemplateCheck> Templates)
{
    public bool Ready => Templates.All(t => t.Problems.Count == 0);
}

/// <summary>One template checked against the server's <c>/object_info</c>; no problems means it can run.</summary>
public sealed record ComfyUiTemplateCheck(string NodeType, int Version, IReadOnlyList<string> Problems);
