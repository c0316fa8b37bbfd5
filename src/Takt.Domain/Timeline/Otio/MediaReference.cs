using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>Where a clip's media comes from (OTIO's MediaReference).</summary>
public abstract class MediaReference : OtioObject
{
    public TimeRange? AvailableRange { get; set; }

    /// <summary>The <c>Box2d.1</c> image bounds, kept raw (null when absent).</summary>
    public OtioJsonValue? AvailableImageBounds { get; set; }

    public virtual bool IsMissingReference => false;
}
