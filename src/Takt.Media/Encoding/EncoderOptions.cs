namespace Takt.Media.Encoding;

/// <summary>
/// One encode: frame size and rate (a ratio, e.g. 24000/1001), codec, speed preset (x264's names:
/// ultrafast … veryslow; mapped for AV1; ignored by ProRes), quality (CRF: lower is better), and
/// audio files mixed into one track, cut to the video's length.
/// </summary>
public sealed record EncoderOptions(
    int Width,
    int Height,
    int RateNumerator,
    int RateDenominator = 1,
    VideoCodec Codec = VideoCodec.H264,
    string Preset = "medium",
    int Quality = 20,
    IReadOnlyList<string>? Audio = null,
    string Ffmpeg = "ffmpeg")
{
    public static readonly IReadOnlyList<string> Presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    /// <summary>The problem with these options, or null.</summary>
    public string? Problem() => this switch
    {
        { Width: < 2 or > 16384 } or { Height: < 2 or > 16384 } => $"the frame size {Width}x{Height} is outside 2–16384",
        { Codec: not VideoCodec.ProRes } when Width % 2 != 0 || Height % 2 != 0 => $"{Codec} stores colour at half resolution (4:2:0), so the frame size must be even, not {Width}x{Height}",
        { Codec: VideoCodec.Av1 } when Width < 64 || Height < 64 => $"the AV1 encoder (SVT-AV1) needs frames of at least 64x64, not {Width}x{Height}",
        { RateNumerator: < 1 } or { RateDenominator: < 1 } => $"the frame rate {RateNumerator}/{RateDenominator} is not positive",
        _ when (double)RateNumerator / RateDenominator > 240 => $"the frame rate {RateNumerator}/{RateDenominator} is above 240",
        _ when !Presets.Contains(Preset) => $"unknown preset '{Preset}'; use one of {string.Join(", ", Presets)}",
        { Quality: < 0 or > 63 } => $"quality (CRF) {Quality} is outside 0–63",
        _ => null,
    };

    /// <summary>ffmpeg's arguments after the raw-video input, for the codec chosen.</summary>
    internal IReadOnlyList<string> CodecArguments() => Codec switch
    {
        VideoCodec.Av1 => ["-c:v", "libsvtav1", "-preset", SvtPreset(), "-crf", Quality.ToString(System.Globalization.CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"],
        VideoCodec.ProRes => ["-c:v", "prores_ks", "-profile:v", "3", "-pix_fmt", "yuv422p10le"],
        _ => ["-c:v", "libx264", "-preset", Preset, "-crf", Quality.ToString(System.Globalization.CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"],
    };

    // SVT-AV1 presets run 0 (slowest) to 13 (fastest); x264's nine names spread over 4–12.
    private string SvtPreset() => (12 - Presets.ToList().IndexOf(Preset)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
