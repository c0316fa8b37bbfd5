namespace Takt.Engine.Backends.HostedVideo;

/// <summary>A submitted provider job: its id, and the path it is polled at where that depends on the kind of job (Kling).</summary>
internal sealed record RemoteTask(string Id, string PollPath);

internal enum RemoteTaskState : byte
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

/// <summary>What one poll saw.</summary>
/// <param name="Progress">Progress in 0..<paramref name="ProgressMax"/>, when the provider reports any.</param>
/// <param name="Failure">The provider's own words for a failed job.</param>
/// <param name="FailureTransient">Whether a failed job is worth submitting again (a provider-side error rather than a refusal).</param>
/// <param name="ResultUrl">Where the finished video can be fetched, for providers that hand out a URL.</param>
/// <param name="VideoId">The finished video's own id, where it differs from the job id.</param>
/// <param name="PollAfter">How long the provider asked us to wait before the next poll.</param>
internal sealed record RemoteTaskPoll(
    RemoteTaskState State,
    double? Progress = null,
    double ProgressMax = 1,
    string? Failure = null,
    bool FailureTransient = false,
    Uri? ResultUrl = null,
    string? VideoId = null,
    TimeSpan? PollAfter = null);
