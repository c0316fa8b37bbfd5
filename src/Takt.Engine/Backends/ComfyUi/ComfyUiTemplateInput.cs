using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// A template input: a Takt port whose content is uploaded to ComfyUI's input folder, with the
/// uploaded file's name written into <see cref="Targets"/> (a LoadImage <c>image</c> input).
/// </summary>
public sealed record ComfyUiTemplateInput(PortSpec Port, IReadOnlyList<ComfyUiTarget> Targets);
