namespace Takt.Domain.Timeline;

/// <summary>A workflow input held at one value (bool, integer, number or text) for the whole clip.</summary>
public sealed record ConstantBinding(TimelineValue Value) : ParameterBinding
{
    public override string TypeName => "constant binding";

    public string? Check() => Value switch
    {
        BoolValue or IntegerValue or TextValue => null,
        NumberValue n when double.IsFinite(n.Value) => null,
        NumberValue => "a constant number must be finite",
        _ => $"a constant binding holds a bool, integer, number or text, not {Value.TypeName}",
    };
}
