namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// A transition at a cut (OTIO's Transition): it borrows <see cref="InOffset"/> of the next clip before the cut
/// and <see cref="OutOffset"/> of the previous clip after it, and never changes the track's duration.
/// </summary>
public sealed class Transition : Composable
{
    public const string SmpteDissolve = "SMPTE_Dissolve";
    public const string CustomTransition = "Custom_Transition";

    public override string SchemaName => "Transition";

    public string TransitionType { get; set; } = "";

    public RationalTime InOffset { get; set; } = new();

    public RationalTime OutOffset { get; set; } = new();

    public bool Enabled { get; set; } = true;

    public override bool Overlapping => true;

    public override RationalTime Duration() => InOffset + OutOffset;

    public TimeRange RangeInParent() =>
        (Parent ?? throw new InvalidOperationException($"transition '{Name}' is not in a track")).RangeOfChild(this);

    public TimeRange? TrimmedRangeInParent() =>
        (Parent ?? throw new InvalidOperationException($"transition '{Name}' is not in a track")).TrimmedRangeOfChild(this);
}
