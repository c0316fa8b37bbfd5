using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;

namespace Takt.Domain.Tests.Workflows;

/// <summary>
/// Random JSON values as a small model (numbers are exact decimals m × 10^e), and a renderer that
/// spells one value many ways: member order, number spelling (1, 1.0, 1e0, 10E-1), string escapes
/// and whitespace. Two models are the same value exactly when <see cref="Same"/> says so.
/// </summary>
internal static class JsonValueGen
{
    public sealed record Number(long Mantissa, int Exponent)
    {
        /// <summary>m × 10^e with no trailing zeros in m, so equal values have equal models.</summary>
        public static Number Of(long mantissa, int exponent)
        {
            if (mantissa == 0)
            {
                return new Number(0, 0);
            }

            while (mantissa % 10 == 0)
            {
                mantissa /= 10;
                exponent++;
            }

            return new Number(mantissa, exponent);
        }
    }

    public sealed record Null;

    public sealed record Array(IReadOnlyList<object> Items);

    public sealed record Object(IReadOnlyList<(string Name, object Value)> Members);

    private static readonly string[] Characters = ["a", "Z", " ", "é", "\"", "\\", "\n", "<", "+", "😀", "/"];

    // Whole characters, not UTF-16 units: half an emoji is not text a JSON file can hold.
    public static readonly Gen<string> Text = Gen.Int[0, Characters.Length - 1].Select(i => Characters[i]).Array[0, 5].Select(string.Concat);

    public static readonly Gen<Number> Numbers =
        Gen.Select(Gen.Long[-10_000_000, 10_000_000], Gen.Int[-8, 25]).Select(p => Number.Of(p.Item1, p.Item2));

    private static readonly Gen<object> Leaf = Gen.OneOf(
        Numbers.Select(n => (object)n),
        Text.Select(s => (object)s),
        Gen.Bool.Select(b => (object)b),
        Gen.Const((object)new Null()));

    public static readonly Gen<object> Values = Value(3);

    private static Gen<object> Value(int depth) => depth == 0
        ? Leaf
        : Gen.OneOf(
            Leaf,
            Value(depth - 1).Array[0, 3].Select(items => (object)new Array(items)),
            Gen.Select(Text, Value(depth - 1)).Array[0, 3]
                .Select(members => (object)new Object([.. members.DistinctBy(m => m.Item1, StringComparer.Ordinal)])));

    public static bool Same(object a, object b) => (a, b) switch
    {
        (Number x, Number y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (Null, Null) => true,
        (Array x, Array y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (Object x, Object y) => x.Members.Count == y.Members.Count
            && x.Members.All(m => y.Members.Any(n => string.Equals(m.Name, n.Name, StringComparison.Ordinal) && Same(m.Value, n.Value))),
        _ => false,
    };

    /// <summary>One spelling of <paramref name="value"/>, chosen by <paramref name="seed"/>.</summary>
    public static string Render(object value, int seed)
    {
        var builder = new StringBuilder();
        Render(value, new Random(seed), builder);
        return builder.ToString();
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void Render(object value, Random random, StringBuilder json)
    {
        Space(random, json);
        switch (value)
        {
            case Number n:
                json.Append(Spell(n, random));
                break;
            case string s:
                json.Append(Quote(s, random));
                break;
            case bool b:
                json.Append(b ? "true" : "false");
                break;
            case Null:
                json.Append("null");
                break;
            case Array a:
                json.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    json.Append(i > 0 ? "," : "");
                    Render(a.Items[i], random, json);
                }

                json.Append(']');
                break;
            case Object o:
                json.Append('{');
                var members = o.Members.ToArray();
                random.Shuffle(members);
                for (var i = 0; i < members.Length; i++)
                {
                    json.Append(i > 0 ? "," : "").Append(Quote(members[i].Name, random)).Append(':');
                    Render(members[i].Value, random, json);
                }

                json.Append('}');
                break;
            default:
                throw new ArgumentException($"not a JSON model: {value}", nameof(value));
        }

        Space(random, json);
    }

    private static void Space(Random random, StringBuilder json) => json.Append(random.Next(4) switch { 0 => " ", 1 => "\n\t", _ => "" });

    private static string Quote(string text, Random random) =>
        JsonSerializer.Serialize(text, random.Next(2) == 0 ? JsonSerializerOptions.Default : Relaxed);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>m × 10^e written with extra trailing zeros, a moved decimal point, an exponent or none, in any case.</summary>
    public static string Spell(Number number, Random random)
    {
        var sign = number.Mantissa < 0 || (number.Mantissa == 0 && random.Next(3) == 0) ? "-" : "";
        var digits = Math.Abs(number.Mantissa).ToString(CultureInfo.InvariantCulture) + new string('0', random.Next(4));
        var exponent = number.Exponent - (digits.Length - Math.Abs(number.Mantissa).ToString(CultureInfo.InvariantCulture).Length);
        if (number.Mantissa == 0)
        {
            digits = "0";
            exponent = random.Next(-3, 4);
        }

        if (random.Next(2) == 0)
        {
            // Plain decimal: no exponent at all.
            return sign + Plain(digits, exponent);
        }

        var point = number.Mantissa == 0 ? 1 : random.Next(1, digits.Length + 1);
        var mantissa = point < digits.Length ? $"{digits[..point]}.{digits[point..]}" : digits;
        var e = exponent + (digits.Length - point);
        var marker = random.Next(2) == 0 ? "e" : "E";
        var plus = e >= 0 && random.Next(2) == 0 ? "+" : "";
        return e == 0 && random.Next(2) == 0 ? sign + mantissa : $"{sign}{mantissa}{marker}{plus}{e.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Plain(string digits, int exponent)
    {
        if (exponent >= 0)
        {
            return digits == "0" ? "0" : digits + new string('0', exponent);
        }

        var whole = digits.Length + exponent;
        return whole > 0 ? $"{digits[..whole]}.{digits[whole..]}" : $"0.{new string('0', -whole)}{digits}";
    }
}
