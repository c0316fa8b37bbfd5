namespace Takt.Domain.Curves.Live2D;

/// <summary>
/// A Live2D Cubism motion (motion3.json, Live2D/CubismSpecs FileFormats/motion3.json.md). The Meta
/// counts are not stored: they are computed from the curves when written and checked when read.
/// </summary>
public sealed record Live2DMotion(double Duration, double Fps, IReadOnlyList<Live2DCurve> Curves)
{
    public int Version { get; init; } = 3;

    public bool Loop { get; init; }

    /// <summary>When true, bezier control times are taken as 1/3 and 2/3 of the segment whatever the file says.</summary>
    public bool AreBeziersRestricted { get; init; }

    public double? FadeInTime { get; init; }

    public double? FadeOutTime { get; init; }

    public IReadOnlyList<Live2DUserData> UserData { get; init; } = [];

    public int TotalSegmentCount => Curves.Sum(c => c.Segments.Count);

    public int TotalPointCount => Curves.Sum(c => c.PointCount);

    /// <summary>What Meta.TotalUserDataSize counts: the characters of every user data value.</summary>
    public int TotalUserDataSize => UserData.Sum(u => u.Value.Length);
}
