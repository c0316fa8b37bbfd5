namespace Takt.Domain.Audit;

/// <summary>A break in the audit chain: which entry and what is wrong with it.</summary>
public sealed record AuditProblem(long Sequence, string Description);
