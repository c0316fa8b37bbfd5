namespace Takt.TestKit.HostedVideo;

/// <summary>What a fake video server does wrong, set by a test before it calls. Applies to jobs created afterwards.</summary>
public sealed class VideoChaos
{
    private int _rateLimited;
    private int _rateLimitedPolls;

    /// <summary>How many of the next create calls answer 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public int RateLimitedCreates
    {
        get => Volatile.Read(ref _rateLimited);
        set => Volatile.Write(ref _rateLimited, value);
    }

    /// <summary>How many of the next status polls answer 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public int RateLimitedPolls
    {
        get => Volatile.Read(ref _rateLimitedPolls);
        set => Volatile.Write(ref _rateLimitedPolls, value);
    }

    public int RetryAfterSeconds { get; set; } = 7;

    /// <summary>New jobs end failed with the provider's content-policy failure.</summary>
    public bool FailJobs { get; set; }

    /// <summary>New jobs stay running forever.</summary>
    public bool HangJobs { get; set; }

    /// <summary>Status polls answer 200 with a body that is not JSON.</summary>
    public bool MalformedPolls { get; set; }

    public DownloadFault Download { get; set; }

    /// <summary>How many polls a job takes to finish (it is pending, then running, in between).</summary>
    public int PollsUntilDone { get; set; } = 3;

    /// <summary>How long a result URL (or OpenAI's content) stays fetchable after the job finished.</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromMinutes(30);

    internal bool TakeRateLimit() => Take(ref _rateLimited);

    internal bool TakePollRateLimit() => Take(ref _rateLimitedPolls);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
