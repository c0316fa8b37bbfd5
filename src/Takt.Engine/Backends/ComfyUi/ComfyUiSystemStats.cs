namespace Takt.Engine.Backends.ComfyUi;

/// <summary>What <c>GET /system_stats</c> says about the server: its version and its devices.</summary>
public sealed record ComfyUiSystemStats(string Version, IReadOnlyList<ComfyUiDevice> Devices);

/// <summary>A compute device as ComfyUI reports it, e.g. <c>cuda:0 NVIDIA H100</c> with its memory in bytes.</summary>
public sealed record ComfyUiDevice(string Name, string Type, long VramTotal, long VramFree);
