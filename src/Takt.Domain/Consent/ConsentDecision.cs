namespace Takt.Domain.Consent;

/// <summary>
/// The answer to "may this asset be used for this purpose, by this scope, at this moment?".
/// Allowed decisions may carry conditions (credit the author, honour constraint terms); denied
/// ones carry every reason. Notes explain how the answer was reached.
/// </summary>
public sealed record ConsentDecision
{
    public required bool IsAllowed { get; init; }

    public IReadOnlyList<DenialReason> Reasons { get; init; } = [];

    public IReadOnlyList<string> Conditions { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];
}
