namespace Takt.TestKit.HostedVideo;

/// <summary>One job a fake server holds: what was asked and how far it has got (one step per poll).</summary>
public sealed class FakeVideoJob(string id, string kind, string model, string prompt, bool fail, bool hang, int pollsUntilDone)
{
    private readonly Lock _lock = new();
    private int _polls;
    private bool _cancelled;

    public string Id { get; } = id;

    /// <summary>The provider's kind of job (Kling's text2video…, Runway's endpoint, OpenAI's create/remix/extend).</summary>
    public string Kind { get; } = kind;

    public string Model { get; } = model;

    public string Prompt { get; } = prompt;

    /// <summary>The id of the finished video where it differs from the job id (Kling).</summary>
    public string VideoId { get; } = $"vid-{Guid.NewGuid():N}";

    public string? SourceId { get; init; }

    public long? Seed { get; init; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public FakeJobStage Stage { get; private set; }

    public int Polls
    {
        get
        {
            lock (_lock)
            {
                return _polls;
            }
        }
    }

    /// <summary>Moves the job on by one poll and returns where it now is.</summary>
    public FakeJobStage Advance(DateTimeOffset now)
    {
        lock (_lock)
        {
            _polls++;
            Stage = _cancelled ? FakeJobStage.Cancelled
                : Stage is FakeJobStage.Succeeded or FakeJobStage.Failed ? Stage
                : hang ? FakeJobStage.Running
                : _polls >= pollsUntilDone ? (fail ? FakeJobStage.Failed : FakeJobStage.Succeeded)
                : _polls <= 1 ? FakeJobStage.Pending
                : FakeJobStage.Running;
            if (Stage == FakeJobStage.Succeeded)
            {
                FinishedAt ??= now;
            }

            return Stage;
        }
    }

    /// <summary>Progress 0..1 as the provider would report it for the current stage.</summary>
    public double Progress => Stage switch
    {
        FakeJobStage.Succeeded => 1,
        FakeJobStage.Running => hang ? 0.5 : Math.Min(0.9, (double)Polls / pollsUntilDone),
        _ => 0,
    };

    public void Cancel()
    {
        lock (_lock)
        {
            _cancelled = true;
            if (Stage is not FakeJobStage.Succeeded and not FakeJobStage.Failed)
            {
                Stage = FakeJobStage.Cancelled;
            }
        }
    }

    public bool Cancelled
    {
        get
        {
            lock (_lock)
            {
                return _cancelled;
            }
        }
    }
}
