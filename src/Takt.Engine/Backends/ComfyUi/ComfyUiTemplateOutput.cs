using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>A template output: a Takt port filled with the first file the output node <see cref="NodeId"/> saved.</summary>
public sealed record ComfyUiTemplateOutput(PortSpec Port, string NodeId);
