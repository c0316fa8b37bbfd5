namespace Takt.Domain.Schedules;

/// <summary>
/// A sandboxed arithmetic expression as Deforum and FizzNodes write them (<c>0.5+0.1*sin(t/10)</c>):
/// numbers, <c>+ - * / %</c>, <c>**</c> or <c>^</c> for powers, unary minus, parentheses, the
/// variables <c>t</c>, <c>max_f</c> and <c>s</c>, and the functions sin cos tan asin acos atan sqrt
/// abs floor ceil round exp log log10 (one argument) and min max pow (two). It is parsed into a tree
/// that can only do arithmetic: never text substitution, never a host evaluator. Anything else
/// (other names, attribute access, strings, unknown calls) is a <see cref="ScheduleError"/> naming
/// the token and its offset; length and nesting are bounded, so hostile input cannot exhaust the stack.
/// </summary>
public sealed class ScheduleExpression
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The deepest nesting (parentheses, calls, unary signs, powers) accepted.</summary>
    public const int MaxDepth = 100;

    private readonly ExpressionNode _root;

    internal ScheduleExpression(string text, ExpressionNode root, bool isConstant)
    {
        Text = text;
        _root = root;
        IsConstant = isConstant;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True when the expression reads no variable, so one evaluation gives its value everywhere.</summary>
    public bool IsConstant { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; an error's offset is counted from the start of the text plus
    /// <paramref name="baseOffset"/>, so a schedule parser can point into its whole string.
    /// </summary>
    public static bool TryParse(string text, out ScheduleExpression? expression, out ScheduleError? error, int baseOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ExpressionParser(text, baseOffset).TryParse(out expression, out error);
    }

    /// <summary>
    /// The value for these variables. Arithmetic follows IEEE doubles: division by zero or
    /// sqrt(−1) give infinities or NaN rather than throwing; callers that need finite values check.
    /// </summary>
    public double Evaluate(in ScheduleVariables variables) => _root.Evaluate(variables);

    public override string ToString() => Text;
}
