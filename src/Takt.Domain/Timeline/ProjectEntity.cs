namespace Takt.Domain.Timeline;

/// <summary>The root of a document: holds scenes.</summary>
public sealed record ProjectEntity : TimelineEntity
{
    private static readonly string[] Names = ["name"];

    public required string Name { get; init; }

    public override EntityKind Kind => EntityKind.Project;

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
