using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>The outcome of checking a hard binding: one status (success or failure) and any more it found.</summary>
public sealed record BindingCheck(IReadOnlyList<ValidationStatus> Statuses)
{
    public bool Matched => Statuses.Count > 0 && Statuses.All(s => s.Kind != ValidationStatusKind.Failure);
}
