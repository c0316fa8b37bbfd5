namespace Takt.Domain.Timeline.Otio;

/// <summary>Media in a file or at a URL.</summary>
public sealed class ExternalReference : MediaReference
{
    public override string SchemaName => "ExternalReference";

    public string TargetUrl { get; set; } = "";
}
