namespace Takt.Provenance.C2pa.Verification;

/// <summary>Collects the statuses of one manifest's validation in the order they were found.</summary>
internal sealed class StatusLog
{
    private readonly List<ValidationStatus> _statuses = [];

    public IReadOnlyList<ValidationStatus> Statuses => _statuses;

    public bool HasFailure => _statuses.Any(s => s.Kind == ValidationStatusKind.Failure);

    public void Success(string code, string? url, string explanation) => Add(new(code, ValidationStatusKind.Success, url, explanation));

    public void Informational(string code, string? url, string explanation) => Add(new(code, ValidationStatusKind.Informational, url, explanation));

    public void Failure(string code, string? url, string explanation) => Add(new(code, ValidationStatusKind.Failure, url, explanation));

    public void Add(ValidationStatus status) => _statuses.Add(status);

    public void AddRange(IEnumerable<ValidationStatus> statuses) => _statuses.AddRange(statuses);
}
