using Takt.Domain.Audit;

namespace Takt.Archive.Audit;

public sealed record AuditVerification(int Entries, string? HeadHash, IReadOnlyList<AuditProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}
