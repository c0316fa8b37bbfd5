namespace Takt.Engine.Backends.BuiltIn;

/// <summary>An external tool (ffmpeg, ffprobe) could not be started.</summary>
internal sealed class ToolMissingException(string message) : Exception(message);
