using Takt.Domain.Timeline;
using Takt.Media.Encoding;

namespace Takt.Engine.Rendering;

/// <summary>
/// A render: cuts of one document (in order; they must share picture size and rate), the file to
/// write, and the encode. Preview halves the picture and uses a fast preset. <paramref name="Workflows"/>
/// is the folder named generation workflows are read from (<c>&lt;name&gt;.json</c>).
/// </summary>
public sealed record RenderRequest(
    TimelineDocument Document,
    IReadOnlyList<TimelineEntityId> Cuts,
    string Output,
    Guid Tenant,
    string Workflows,
    bool Preview = false,
    VideoCodec Codec = VideoCodec.H264,
    string? Preset = null,
    int Quality = 20,
    string Title = "render");

/// <summary>Where a render is: a stage, how far through it, and what it is doing.</summary>
public sealed record RenderProgress(string Stage, long Done, long Total, string Detail);

/// <summary>
/// What a render made: the file, its frames, how many segments were reused from earlier renders
/// (an interrupted render resumes from them), its lineage node, and whether it was signed.
/// </summary>
public sealed record RenderOutcome(
    string Path,
    long Frames,
    int Width,
    int Height,
    string Rate,
    int SegmentsReused,
    int SegmentsEncoded,
    Guid LineageNode,
    string? Manifest,
    IReadOnlyList<Guid> Runs,
    IReadOnlyList<string> Warnings);

/// <summary>A render that cannot go on: the document is not renderable, a source cannot be loaded or made, the encoder failed.</summary>
public sealed class RenderException(string message, Exception? inner = null) : Exception(message, inner);
