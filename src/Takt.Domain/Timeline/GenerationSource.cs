namespace Takt.Domain.Timeline;

/// <summary>
/// A generation still to be made by the named workflow. Its inputs are the clip's parameter
/// bindings, kept as separate properties so two people editing two inputs never conflict.
/// </summary>
public sealed record GenerationSource(string Workflow) : ClipSource
{
    public override string TypeName => "generation";

    public override string? Check() =>
        string.IsNullOrWhiteSpace(Workflow) ? "a generation source needs a workflow name" : null;
}
