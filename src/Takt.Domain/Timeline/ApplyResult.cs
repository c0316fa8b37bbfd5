using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Timeline;

/// <summary>
/// The outcome of applying an operation: the new document and the operation that undoes it (valid
/// against the new document), or the problem. A refused operation leaves nothing changed: documents
/// are immutable.
/// </summary>
public sealed record ApplyResult
{
    private ApplyResult(TimelineDocument? document, TimelineOperation? inverse, TimelineProblem? problem)
    {
        Document = document;
        Inverse = inverse;
        Problem = problem;
    }

    public TimelineDocument? Document { get; }

    public TimelineOperation? Inverse { get; }

    public TimelineProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Document), nameof(Inverse))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Applied => Problem is null;

    public static ApplyResult Ok(TimelineDocument document, TimelineOperation inverse) => new(document, inverse, null);

    public static ApplyResult Refused(TimelineProblem problem) => new(null, null, problem);
}
