namespace Takt.Domain.Workflows;

/// <summary>
/// A versioned kind of workflow node: its typed ports, its parameters, and the backend
/// capability it needs. Bump <see cref="Version"/> whenever the same inputs could give a
/// different result, so cached results of the old version are not reused.
/// </summary>
/// <param name="Name">Dotted, lower-case name, e.g. <c>takt.resize</c> or <c>comfyui.portrait</c>.</param>
/// <param name="Capability">What a backend must offer to run it, e.g. <c>builtin</c>, <c>comfyui</c>, <c>video.text-to-video</c>.</param>
/// <param name="Cacheable">
/// False for nodes whose result depends on more than their inputs and parameters: loading an
/// archive asset must decide consent anew each run (a revoked work must not come back from the
/// cache), and an export must really write its file.
/// </param>
public sealed record NodeType(
    string Name,
    int Version,
    string Capability,
    IReadOnlyList<PortSpec> Inputs,
    IReadOnlyList<PortSpec> Outputs,
    IReadOnlyList<ParameterSpec> Parameters,
    SeedSupport Seed = SeedSupport.Deterministic,
    string? Description = null,
    bool Cacheable = true)
{
    public string Key => $"{Name}@{Version}";

    public PortSpec? Input(string name) => Inputs.FirstOrDefault(p => p.Name == name);

    public PortSpec? Output(string name) => Outputs.FirstOrDefault(p => p.Name == name);

    public ParameterSpec? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
