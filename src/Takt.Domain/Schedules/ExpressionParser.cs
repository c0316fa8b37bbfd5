using System.Globalization;

namespace Takt.Domain.Schedules;

/// <summary>Recursive descent over the expression text, with Python's precedence (<c>-2**2</c> is −4, <c>**</c> is right-associative).</summary>
internal sealed class ExpressionParser(string text, int baseOffset)
{
    private static readonly string[] OneArgument = ["sin", "cos", "tan", "asin", "acos", "atan", "sqrt", "abs", "floor", "ceil", "round", "exp", "log", "log10"];
    private static readonly string[] TwoArguments = ["min", "max", "pow"];
    private const string Allowed = "allowed: numbers, + - * / % ** ^, parentheses, t, max_f, s and sin cos tan asin acos atan sqrt abs floor ceil round exp log log10 min max pow";

    private int _position;
    private int _depth;
    private bool _readsVariable;
    private ScheduleError? _error;

    public bool TryParse(out ScheduleExpression? expression, out ScheduleError? error)
    {
        expression = null;
        if (text.Length > ScheduleExpression.MaxLength)
        {
            error = new ScheduleError($"expression is {text.Length} characters long; at most {ScheduleExpression.MaxLength} are allowed", baseOffset + ScheduleExpression.MaxLength);
            return false;
        }

        SkipSpace();
        if (_position == text.Length)
        {
            error = new ScheduleError("expected an expression, found nothing", baseOffset + _position);
            return false;
        }

        var root = Additive();
        if (root is not null && _position < text.Length)
        {
            root = Fail($"unexpected {Describe(_position)} after a complete expression");
        }

        error = _error;
        if (root is null)
        {
            return false;
        }

        expression = new ScheduleExpression(text, root, !_readsVariable);
        return true;
    }

    private ExpressionNode? Additive()
    {
        var left = Multiplicative();
        while (left is not null && Peek() is '+' or '-')
        {
            var op = text[_position++];
            var right = Multiplicative();
            left = right is null ? null : new BinaryNode(op, left, right);
        }

        return left;
    }

    private ExpressionNode? Multiplicative()
    {
        var left = Unary();
        while (left is not null && Peek() is '*' or '/' or '%' && !IsPowerAt(_position))
        {
            var op = text[_position++];
            var right = Unary();
            left = right is null ? null : new BinaryNode(op, left, right);
        }

        return left;
    }

    private ExpressionNode? Unary()
    {
        if (!Enter())
        {
            return null;
        }

        ExpressionNode? node;
        if (Peek() is '-' or '+')
        {
            var negate = text[_position++] == '-';
            node = Unary();
            node = node is not null && negate ? new NegateNode(node) : node;
        }
        else
        {
            node = Power();
        }

        _depth--;
        return node;
    }

    private ExpressionNode? Power()
    {
        var operand = Primary();
        if (operand is null || Peek() is not ('*' or '^') || (text[_position] == '*' && !IsPowerAt(_position)))
        {
            return operand;
        }

        _position += text[_position] == '^' ? 1 : 2;
        // The exponent may carry its own sign (2**-1) and binds to the right (2**3**2 = 2**9).
        var exponent = Unary();
        return exponent is null ? null : new BinaryNode('^', operand, exponent);
    }

    private ExpressionNode? Primary()
    {
        SkipSpace();
        if (_position >= text.Length)
        {
            return Fail("expression ends where a number, name or '(' was expected");
        }

        var c = text[_position];
        if (c == '(')
        {
            var open = _position++;
            if (!Enter())
            {
                return null;
            }

            var inner = Additive();
            _depth--;
            if (inner is null)
            {
                return null;
            }

            return Peek() == ')' ? Advance(inner) : Fail($"'(' at character {baseOffset + open} is not closed", _position);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < text.Length && char.IsAsciiDigit(text[_position + 1])))
        {
            return Number();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return Name();
        }

        return c is '"' or '\''
            ? Fail("strings are not allowed in an expression")
            : Fail($"unexpected {Describe(_position)}; {Allowed}");
    }

    private ExpressionNode? Number()
    {
        var start = _position;
        while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
        {
            _position++;
        }

        if (_position < text.Length && text[_position] is 'e' or 'E')
        {
            var exponent = _position + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                _position = exponent;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }
            }
        }

        var literal = text[start.._position];
        return double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? new NumberNode(value)
            : Fail($"'{literal}' is not a number", start);
    }

    private ExpressionNode? Name()
    {
        var start = _position;
        while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
        {
            _position++;
        }

        var name = text[start.._position];
        var call = Peek() == '(';
        if (_position < text.Length && text[_position] == '.')
        {
            return Fail($"attribute access '{name}.' is not allowed; {Allowed}", _position);
        }

        if (!call)
        {
            _readsVariable |= name is "t" or "max_f" or "s";
            return name switch
            {
                "t" => new VariableNode('t'),
                "max_f" => new VariableNode('m'),
                "s" => new VariableNode('s'),
                _ when OneArgument.Contains(name) || TwoArguments.Contains(name) => Fail($"'{name}' is a function; call it as {name}(…)", start),
                _ => Fail($"unknown name '{name}'; {Allowed}", start),
            };
        }

        var arity = OneArgument.Contains(name) ? 1 : TwoArguments.Contains(name) ? 2 : 0;
        if (arity == 0)
        {
            return Fail($"'{name}' is not a function that can be called; {Allowed}", start);
        }

        _position++;
        if (!Enter())
        {
            return null;
        }

        var arguments = new List<ExpressionNode>();
        while (true)
        {
            var argument = Additive();
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
            var next = Peek();
            if (next == ',' && arguments.Count < arity)
            {
                _position++;
                continue;
            }

            if (next == ')' && arguments.Count == arity)
            {
                _position++;
                break;
            }

            return next is ',' or ')'
                ? Fail($"{name}() takes {arity} argument{(arity == 1 ? "" : "s")}", start)
                : Fail($"unexpected {Describe(_position)} in the arguments of {name}()");
        }

        _depth--;
        return new CallNode(name, [.. arguments]);
    }

    private bool Enter()
    {
        if (++_depth <= ScheduleExpression.MaxDepth)
        {
            return true;
        }

        Fail($"expression is nested more than {ScheduleExpression.MaxDepth} deep");
        return false;
    }

    private bool IsPowerAt(int position) => position + 1 < text.Length && text[position] == '*' && text[position + 1] == '*';

    private ExpressionNode Advance(ExpressionNode node)
    {
        _position++;
        return node;
    }

    private char Peek()
    {
        SkipSpace();
        return _position < text.Length ? text[_position] : '\0';
    }

    private void SkipSpace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }
    }

    private string Describe(int position) =>
        position >= text.Length ? "end of expression" : $"'{text[position]}'";

    private ExpressionNode? Fail(string message, int? position = null)
    {
        _error ??= new ScheduleError(message, baseOffset + (position ?? _position));
        return null;
    }
}
