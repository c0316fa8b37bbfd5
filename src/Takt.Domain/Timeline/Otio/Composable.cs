namespace Takt.Domain.Timeline.Otio;

/// <summary>Something that can sit in a composition: an item or a transition (OTIO's Composable).</summary>
public abstract class Composable : OtioObject
{
    /// <summary>The composition holding this object; set when it is added to one.</summary>
    public Composition? Parent { get; internal set; }

    /// <summary>False for gaps: they show what lies beneath when flattening.</summary>
    public virtual bool Visible => true;

    /// <summary>True for transitions: they overlap their neighbours instead of taking time of their own.</summary>
    public virtual bool Overlapping => false;

    public abstract RationalTime Duration();
}
