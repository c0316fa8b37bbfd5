namespace Takt.Engine.Backends.ComfyUi;

/// <summary>One input of one node in an API-format workflow, written <c>node.input</c> (e.g. <c>3.seed</c>).</summary>
public sealed record ComfyUiTarget(string NodeId, string Input)
{
    /// <summary>Splits at the last dot, so node ids that contain dots still work.</summary>
    public static ComfyUiTarget? TryParse(string text)
    {
        var dot = text.LastIndexOf('.');
        return dot <= 0 || dot == text.Length - 1 ? null : new ComfyUiTarget(text[..dot], text[(dot + 1)..]);
    }

    public override string ToString() => $"{NodeId}.{Input}";
}
