namespace Takt.Provenance.OptOut;

/// <summary>A remediation item as reported: <see cref="State"/> is pending, done or overdue (pending past its deadline).</summary>
public sealed record RemediationView(
    Guid Id,
    Guid RevocationId,
    string Work,
    Guid NodeId,
    string NodeKind,
    string NodeLabel,
    string Action,
    bool FromScratch,
    DateTimeOffset Deadline,
    string State,
    Guid? ReplacementNodeId,
    DateTimeOffset? ResolvedAt);

/// <summary>The outcome of applying revocations to the graph.</summary>
public sealed record OptOutApplication(int Revocations, int NewInvalidations, int NewItems);

/// <summary>The outcome of resolving an item: the updated item, or why it could not be resolved.</summary>
public sealed record RemediationOutcome(RemediationView? Item, string? Problem);
