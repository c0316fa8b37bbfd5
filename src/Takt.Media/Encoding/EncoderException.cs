namespace Takt.Media.Encoding;

/// <summary>ffmpeg is missing, refused the options, or failed mid-encode; the message carries its own words (stderr).</summary>
public sealed class EncoderException(string message, Exception? inner = null) : Exception(message, inner);
