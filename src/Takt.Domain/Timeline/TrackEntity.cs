namespace Takt.Domain.Timeline;

/// <summary>
/// A track of a cut: video layer, camera, audio or generation. Holds clips, which never overlap on
/// one track. A locked track refuses edit commands (ripple, roll, slip, slide).
/// </summary>
public sealed record TrackEntity : TimelineEntity
{
    private static readonly string[] Names = ["enabled", "locked", "name", "trackKind"];

    public required string Name { get; init; }

    public required TrackKind TrackKind { get; init; }

    public required bool Enabled { get; init; }

    public required bool Locked { get; init; }

    public override EntityKind Kind => EntityKind.Track;

    public override IReadOnlyList<string> PropertyNames => Names;

    public override TimelineValue? GetProperty(string property) => property switch
    {
        "name" => new TextValue(Name),
        "trackKind" => new TextValue(TimelineNames.Of(TrackKind)),
        "enabled" => new BoolValue(Enabled),
        "locked" => new BoolValue(Locked),
        _ => null,
    };

    private protected override string? With(string property, TimelineValue value, out TimelineEntity? entity)
    {
        string? problem;
        switch (property)
        {
            case "name":
                problem = Text(value, out var name);
                entity = this with { Name = name };
                return problem;
            case "trackKind":
                problem = Named(value, out TrackKind kind);
                entity = this with { TrackKind = kind };
                return problem;
            case "enabled":
                problem = Flag(value, out var enabled);
                entity = this with { Enabled = enabled };
                return problem;
            default:
                problem = Flag(value, out var locked);
                entity = this with { Locked = locked };
                return problem;
        }
    }
}
