using System.Globalization;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// How patiently a ComfyUI backend follows a prompt, read from <see cref="BackendConfig.Settings"/>.
/// </summary>
/// <param name="Templates">The folder of workflow template files (<c>*.json</c>), setting <c>templates</c>.</param>
/// <param name="StallTimeout">
/// After this long without a WebSocket event (setting <c>stallTimeoutSeconds</c>, default 20) the backend
/// asks <c>/history</c> whether the prompt finished: ComfyUI's socket can stall while prompts still
/// succeed (ComfyUI #15240), and a slow node sends nothing for a while either.
/// </param>
/// <param name="PollInterval">How often <c>/history</c> is polled once the socket is gone (setting <c>pollIntervalSeconds</c>, default 2).</param>
public sealed record ComfyUiBackendOptions(string Templates, TimeSpan StallTimeout, TimeSpan PollInterval)
{
    public static ComfyUiBackendOptions From(BackendConfig config)
    {
        if (!config.Settings.TryGetValue("templates", out var templates) || string.IsNullOrWhiteSpace(templates))
        {
            throw new ArgumentException($"backend '{config.Name}': setting 'templates' (the folder of ComfyUI workflow templates) is missing", nameof(config));
        }

        return new ComfyUiBackendOptions(
            templates,
            Seconds(config, "stallTimeoutSeconds", 20),
            Seconds(config, "pollIntervalSeconds", 2));
    }

    private static TimeSpan Seconds(BackendConfig config, string name, double fallback)
    {
        if (!config.Settings.TryGetValue(name, out var text))
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"backend '{config.Name}': setting '{name}' must be a number of seconds above 0, not '{text}'", nameof(config));
    }
}
