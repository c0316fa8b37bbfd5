namespace Takt.Domain.Timeline;

/// <summary>
/// Frames rendered earlier, named by the hash of their manifest (the list of frame hashes), so the
/// document stays small however long the sequence is.
/// </summary>
public sealed record RenderedSequenceSource(string ManifestHash, long FrameCount) : ClipSource
{
    public override string TypeName => "rendered sequence";

    public override string? Check() =>
        string.IsNullOrWhiteSpace(ManifestHash) ? "a rendered sequence source needs a manifest hash"
        : FrameCount <= 0 ? "a rendered sequence has at least one frame"
        : null;
}
