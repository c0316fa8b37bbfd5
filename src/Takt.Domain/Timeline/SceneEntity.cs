namespace Takt.Domain.Timeline;

/// <summary>A scene of a project: holds cuts (alternative or successive edits of the scene).</summary>
public sealed record SceneEntity : TimelineEntity
{
    private static readonly string[] Names = ["name"];

    public required string Name { get; init; }

    public override EntityKind Kind => EntityKind.Scene;

    public override IReadOnlyList<string> PropertyNames => Names;

    public override TimelineValue? GetProperty(string property) =>
        string.Equals(property, "name", StringComparison.Ordinal) ? new TextValue(Name) : null;

    private protected override string? With(string property, TimelineValue value, out TimelineEntity? entity)
    {
        var problem = Text(value, out var name);
        entity = this with { Name = name };
        return problem;
    }
}
