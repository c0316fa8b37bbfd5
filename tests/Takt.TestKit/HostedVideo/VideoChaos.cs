namespace Takt.TestKit.HostedVideo;

/// <summary>What a fake video server does wrong, set by a test before it calls. Applies to jobs created afterwards.</summary>
public sealed class VideoChaos
{
    private int _rateLimited;

    /// <summary>How many of the next create calls answer 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public int RateLimitedCreates
    {
        get => Volatile.Read(ref _rateLimited);
        set => Volatile.Write(ref _rateLimited, value);
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

    internal bool TakeRateLimit()
    {
        while (true)
        {
            var left = Volatile.Read(ref _rateLimited);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _rateLimited, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}

/// <summary>How a fake serves a finished video.</summary>
public enum DownloadFault
{
    None,
    /// <summary>Announces the full Content-Length, sends half, then drops the connection.</summary>
    CutOff,
    /// <summary>Chunked, no Content-Length, half the file, a clean end: only the MP4 structure shows the loss.</summary>
    ShortChunked,
}
