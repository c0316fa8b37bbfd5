namespace Takt.Domain.Schedules;

/// <summary>A parsed arithmetic expression node; nothing in the tree can reach beyond arithmetic on the three variables.</summary>
internal abstract record ExpressionNode
{
    public abstract double Evaluate(in ScheduleVariables variables);
}

internal sealed record NumberNode(double Value) : ExpressionNode
{
    public override double Evaluate(in ScheduleVariables variables) => Value;
}

internal sealed record VariableNode(char Name) : ExpressionNode
{
    public override double Evaluate(in ScheduleVariables variables) => Name switch
    {
        't' => variables.T,
        'm' => variables.MaxF,
        _ => variables.Seed,
    };
}

internal sealed record NegateNode(ExpressionNode Operand) : ExpressionNode
{
    public override double Evaluate(in ScheduleVariables variables) => -Operand.Evaluate(variables);
}

internal sealed record BinaryNode(char Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode
{
    public override double Evaluate(in ScheduleVariables variables)
    {
        var a = Left.Evaluate(variables);
        var b = Right.Evaluate(variables);
        return Operator switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            '/' => a / b,
            // Python's floored modulo (the result takes the divisor's sign), as numexpr and Deforum users expect.
            '%' => a - (Math.Floor(a / b) * b),
            _ => Math.Pow(a, b),
        };
    }
}

internal sealed record CallNode(string Function, ExpressionNode[] Arguments) : ExpressionNode
{
    public override double Evaluate(in ScheduleVariables variables)
    {
        var a = Arguments[0].Evaluate(variables);
        if (Arguments.Length == 2)
        {
            var b = Arguments[1].Evaluate(variables);
            return Function switch
            {
                "min" => Math.Min(a, b),
                "max" => Math.Max(a, b),
                _ => Math.Pow(a, b),
            };
        }

        return Function switch
        {
            "sin" => Math.Sin(a),
            "cos" => Math.Cos(a),
            "tan" => Math.Tan(a),
            "asin" => Math.Asin(a),
            "acos" => Math.Acos(a),
            "atan" => Math.Atan(a),
            "sqrt" => Math.Sqrt(a),
            "abs" => Math.Abs(a),
            "floor" => Math.Floor(a),
            "ceil" => Math.Ceiling(a),
            // Python's round: halves go to the even neighbour.
            "round" => Math.Round(a, MidpointRounding.ToEven),
            "exp" => Math.Exp(a),
            "log" => Math.Log(a),
            _ => Math.Log10(a),
        };
    }
}
