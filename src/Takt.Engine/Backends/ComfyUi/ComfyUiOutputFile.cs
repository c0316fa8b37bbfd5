namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// A file an output node saved, as named in <c>executed</c> and <c>/history</c>: fetched through
/// <c>/view?filename=&amp;subfolder=&amp;type=</c>. <see cref="Animated"/> marks core ComfyUI's
/// video outputs, which it lists under <c>images</c>; <see cref="Format"/> is a custom node's
/// own label (e.g. <c>video/h264-mp4</c>).
/// </summary>
public sealed record ComfyUiOutputFile(string FileName, string Subfolder, string Type, bool Animated = false, string? Format = null);
