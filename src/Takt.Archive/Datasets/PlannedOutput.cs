using Takt.Domain.Datasets;
using Takt.Persistence.Archive;

namespace Takt.Archive.Datasets;

/// <summary>One file to derive: from a source asset by a transform (or, for a clip, from derived frames).</summary>
public sealed record PlannedOutput(AssetRow Source, ImageTransform? Transform, string Key)
{
    /// <summary>Video clips: the frames' outputs, in order, encoded at <see cref="Fps"/>.</summary>
    public IReadOnlyList<PlannedOutput>? Frames { get; init; }

    public int Fps { get; init; }
}

/// <summary>One sample of the version: its stem, caption, decision and the outputs it is made of.</summary>
public sealed record PlannedSample(string Stem, DatasetCandidate Candidate, string Caption, PixelSize Bucket, PlannedOutput Media)
{
    public DatasetCandidate? Partner { get; init; }

    public PlannedOutput? Conditioning { get; init; }

    public PlannedOutput? Mask { get; init; }

    /// <summary>Video clips: every frame's candidate, in order.</summary>
    public IReadOnlyList<DatasetCandidate>? Frames { get; init; }

    /// <summary>Everything to derive for the sample; a clip's frames come before the clip.</summary>
    public IEnumerable<PlannedOutput> Outputs =>
        (Media.Frames ?? []).Concat(new[] { Media, Conditioning, Mask }.OfType<PlannedOutput>());
}
