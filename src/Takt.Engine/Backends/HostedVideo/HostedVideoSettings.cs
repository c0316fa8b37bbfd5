using System.Globalization;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// The kind-independent settings of a hosted video backend, read from <see cref="BackendConfig.Settings"/>:
/// <c>model</c>, <c>pollIntervalMs</c>, <c>allowFastPolling</c> and <c>timeoutSeconds</c>.
/// </summary>
/// <param name="Deadline">How long a job may take from submission to finished before it counts as hung.</param>
internal sealed record HostedVideoSettings(string? Model, TimeSpan PollInterval, TimeSpan Deadline)
{
    /// <summary>Long enough for a 12 s Sora 2 Pro render on a busy day; ComfyUI gives Kling about an hour.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(60);

    public static HostedVideoSettings Read(BackendConfig config, TimeSpan minimumPoll)
    {
        var settings = config.Settings;
        var model = settings.TryGetValue("model", out var m) && !string.IsNullOrWhiteSpace(m) ? m.Trim() : null;
        var fast = settings.TryGetValue("allowFastPolling", out var f) && bool.TryParse(f, out var allow) && allow;
        var poll = minimumPoll;
        if (settings.TryGetValue("pollIntervalMs", out var p))
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
            {
                throw new ArgumentException($"backend '{config.Name}': pollIntervalMs must be a positive whole number of milliseconds, not '{p}'", nameof(config));
            }

            poll = TimeSpan.FromMilliseconds(ms);
            if (poll < minimumPoll && !fast)
            {
                throw new ArgumentException(
                    $"backend '{config.Name}': pollIntervalMs {ms} is below the provider's {minimumPoll.TotalMilliseconds} ms cadence; set allowFastPolling=true only against a test server",
                    nameof(config));
            }
        }

        var deadline = DefaultDeadline;
        if (settings.TryGetValue("timeoutSeconds", out var t))
        {
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0))
            {
                throw new ArgumentException($"backend '{config.Name}': timeoutSeconds must be a positive number, not '{t}'", nameof(config));
            }

            deadline = TimeSpan.FromSeconds(seconds);
        }

        return new HostedVideoSettings(model, poll, deadline);
    }
}
