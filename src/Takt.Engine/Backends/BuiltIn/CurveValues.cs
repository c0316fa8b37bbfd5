using Takt.Domain.Curves;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>Curves on ports: inline, as the curve's canonical JSON (<c>{"keys":[…]}</c>).</summary>
public static class CurveValues
{
    public static PortValue ToPortValue(Curve curve) => InlineValues.FromCanonical(PortType.Curve, curve.ToCanonicalJson());

    public static bool TryRead(PortValue value, out Curve? curve, out string? problem)
    {
        curve = null;
        if (value.Type != PortType.Curve || value.Inline is not { } json)
        {
            problem = $"expected an inline curve, got a {value.Type} value";
            return false;
        }

        return Curve.TryParseDocument(json, out curve, out problem);
    }

    internal static PortValue Make(NodeRun node) =>
        Curve.TryParse(node.Parameters.Json("keys"), out var curve, out var problem)
            ? ToPortValue(curve!)
            : throw node.Fail($"parameter 'keys': {problem}");

    internal static PortValue Sample(NodeRun node)
    {
        var input = node.Input("curve", PortType.Curve);
        var frame = node.Parameters.Number("frame");
        return TryRead(input, out var curve, out var problem)
            ? InlineValues.Number(curve!.Sample(frame))
            : throw node.Fail($"input 'curve': {problem}");
    }
}
