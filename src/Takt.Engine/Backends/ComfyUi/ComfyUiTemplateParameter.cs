using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>A template parameter: the Takt parameter and the workflow inputs its value is written into.</summary>
public sealed record ComfyUiTemplateParameter(ParameterSpec Spec, IReadOnlyList<ComfyUiTarget> Targets);
