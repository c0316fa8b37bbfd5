using Takt.Domain.Rights;

namespace Takt.Domain.Lineage;

public static class LineageNodeKinds
{
    public static IReadOnlyList<LineageNodeKind> All { get; } = Enum.GetValues<LineageNodeKind>();

    public static string Name(LineageNodeKind kind) => kind switch
    {
        LineageNodeKind.Contributor => "contributor",
        LineageNodeKind.Asset => "asset",
        LineageNodeKind.Dataset => "dataset",
        LineageNodeKind.TrainingRun => "training-run",
        LineageNodeKind.Model => "model",
        LineageNodeKind.Generation => "generation",
        LineageNodeKind.Edit => "edit",
        LineageNodeKind.Render => "render",
        LineageNodeKind.Product => "product",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? text, out LineageNodeKind kind) => EnumNames.TryParse(text, Name, out kind);

    /// <summary>Kinds that an opt-out can make unusable and that are fixed by producing a replacement.</summary>
    public static bool IsRemediable(this LineageNodeKind kind) =>
        kind is LineageNodeKind.Dataset or LineageNodeKind.Model or LineageNodeKind.Generation or LineageNodeKind.Render;
}
