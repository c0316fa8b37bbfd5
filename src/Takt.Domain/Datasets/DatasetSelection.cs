namespace Takt.Domain.Datasets;

/// <summary>
/// Which archived assets a recipe draws from. Every list narrows (empty = no constraint); within a
/// list any entry matches. Scenes and cuts are slugs; a cut may be written "scene/cut".
/// </summary>
public sealed record DatasetSelection
{
    public IReadOnlyList<string> Projects { get; init; } = [];

    public IReadOnlyList<string> Scenes { get; init; } = [];

    public IReadOnlyList<string> Cuts { get; init; } = [];

    /// <summary>Canonical layer-kind names (character, line-art, colour, …).</summary>
    public IReadOnlyList<string> LayerKinds { get; init; } = [];

    /// <summary>Assets carrying any of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
