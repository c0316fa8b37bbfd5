using System.Collections.Immutable;

namespace Takt.Domain.Timeline;

/// <summary>
/// Operations applied in order, all or nothing: how commands (ripple, roll, slip, cascading delete)
/// reach the document as one change. The inverse is the inverses in reverse order. Each step must
/// leave a valid document, so commands order their steps (shift the far clip first).
/// </summary>
public sealed record OperationBatch(ImmutableArray<TimelineOperation> Operations) : TimelineOperation
{
    // A default (uninitialised) array reads as an empty batch rather than failing on first use.
    public ImmutableArray<TimelineOperation> Operations { get; init; } = Operations.IsDefault ? [] : Operations;

    public override ApplyResult Apply(TimelineDocument document)
    {
        var current = document;
        var inverses = new TimelineOperation[Operations.Length];
        for (var i = 0; i < Operations.Length; i++)
        {
            var result = Operations[i].Apply(current);
            if (!result.Applied)
            {
                return result;
            }

            current = result.Document;
            inverses[Operations.Length - 1 - i] = result.Inverse;
        }

        return ApplyResult.Ok(current, new OperationBatch([.. inverses]));
    }

    public bool Equals(OperationBatch? other) =>
        other is not null && Operations.AsSpan().SequenceEqual(other.Operations.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var operation in Operations)
        {
            hash.Add(operation);
        }

        return hash.ToHashCode();
    }
}
