using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Timeline;

/// <summary>
/// The type of the parameter a curve animates. Only numbers interpolate; integer, enum and text
/// curves hold each key's value until the next key (research/timeline.md §3.5).
/// </summary>
public enum CurveValueKind
{
    Number,
    [SuppressMessage("Naming", "CA1720", Justification = "'integer' is the parameter type's name on the wire and in workflows.")]
    Integer,
    Enum,
    Text,
}
