using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Timeline;

/// <summary>A command expanded against the current document into one batch, or the reason it cannot be.</summary>
public sealed record CommandResult
{
    private CommandResult(OperationBatch? batch, TimelineProblem? problem)
    {
        Batch = batch;
        Problem = problem;
    }

    public OperationBatch? Batch { get; }

    public TimelineProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Batch))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Expanded => Problem is null;

    public static CommandResult Of(IEnumerable<TimelineOperation> operations) => new(new OperationBatch([.. operations]), null);

    public static CommandResult Refused(TimelineProblem problem) => new(null, problem);

    /// <summary>Expands and applies in one step: the document after the command and the batch that undoes it, or the problem.</summary>
    public ApplyResult ApplyTo(TimelineDocument document) => Expanded ? Batch.Apply(document) : ApplyResult.Refused(Problem);
}
