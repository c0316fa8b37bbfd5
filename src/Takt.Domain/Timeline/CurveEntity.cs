namespace Takt.Domain.Timeline;

/// <summary>
/// An animation curve. Its target is its parent (a cut, track or clip) plus <see cref="Parameter"/>,
/// a path such as <c>opacity</c> or a workflow input <c>sampler/cfg</c>; its keyframes are its children
/// (separate entities, so two people editing two keys never conflict). Frames are counted from the
/// start of the parent clip, or of the cut for cut and track curves.
/// </summary>
public sealed record CurveEntity : TimelineEntity
{
    private static readonly string[] Names = ["parameter", "valueKind"];

    public required string Parameter { get; init; }

    public required CurveValueKind ValueKind { get; init; }

    public override EntityKind Kind => EntityKind.Curve;

    public override IReadOnlyList<string> PropertyNames => Names;

    public override TimelineValue? GetProperty(string property) => property switch
    {
        "parameter" => new TextValue(Parameter),
        "valueKind" => new TextValue(TimelineNames.Of(ValueKind)),
        _ => null,
    };

    private protected override string? With(string property, TimelineValue value, out TimelineEntity? entity)
    {
        string? problem;
        if (property == "parameter")
        {
            problem = Text(value, out var parameter, allowEmpty: false);
            entity = this with { Parameter = parameter };
            return problem;
        }

        problem = Named(value, out CurveValueKind kind);
        entity = this with { ValueKind = kind };
        return problem;
    }
}
