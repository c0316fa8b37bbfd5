namespace Takt.Engine.Rendering;

/// <summary>One picture a layer shows: a PNG (or any decodable image) blob, and the lineage node it came from.</summary>
internal readonly record struct SourceFrame(string Blob, Guid? Lineage);

/// <summary>
/// The pictures of one clip, by frame of its source: a still answers every frame, a sequence its
/// frames in order (the last one held past its end), a generation one picture per cut frame.
/// </summary>
internal sealed class ClipFrames
{
    private readonly Func<long, long, SourceFrame> _at;

    private ClipFrames(Func<long, long, SourceFrame> at) => _at = at;

    /// <param name="sourceFrame">The frame of the source the clip shows.</param>
    /// <param name="cutFrame">The frame of the cut (generations are made per cut frame).</param>
    public SourceFrame At(long sourceFrame, long cutFrame) => _at(sourceFrame, cutFrame);

    public static ClipFrames Still(SourceFrame frame) => new((_, _) => frame);

    public static ClipFrames Sequence(IReadOnlyList<string> frames, Guid? lineage) =>
        new((source, _) => new SourceFrame(frames[(int)Math.Clamp(source, 0, frames.Count - 1)], lineage));

    public static ClipFrames PerCutFrame(IReadOnlyDictionary<long, SourceFrame> frames) => new((_, cut) => frames[cut]);
}
