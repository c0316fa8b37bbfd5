namespace Takt.TestKit.HostedVideo;

/// <summary>Where a fake job is: one step per poll.</summary>
public enum FakeJobStage
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
