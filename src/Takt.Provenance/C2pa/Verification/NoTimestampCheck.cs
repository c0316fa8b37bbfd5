namespace Takt.Provenance.C2pa.Verification;

/// <summary>Used when no time-stamp verifier is wired in: reports nothing, so signing time is "now".</summary>
internal sealed class NoTimestampCheck : ITimestampCheck
{
    public static NoTimestampCheck Instance { get; } = new();

    public Task<TimestampCheckResult> CheckAsync(TimestampEvidence evidence, C2paTrust trust, CancellationToken cancellationToken) =>
        Task.FromResult(TimestampCheckResult.None);
}
