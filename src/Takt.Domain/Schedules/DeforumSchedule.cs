using System.Globalization;

namespace Takt.Domain.Schedules;

/// <summary>
/// A Deforum keyframe string (<c>0: (1.0), 30: (0.5+0.1*sin(t/10))</c>), also used by FizzNodes'
/// value schedules. Keys are split at commas outside parentheses (a superset of Deforum's plain
/// comma split, so <c>max(a, b)</c> works), frames may be integers or expressions of <c>max_f</c>
/// (truncated like Deforum's <c>int()</c>), values are plain numbers or sandboxed
/// <see cref="ScheduleExpression"/>s. Errors point at the character. Keys at or past
/// <see cref="MaxFrames"/> are kept but, as in Deforum, never reached.
/// </summary>
public sealed partial class DeforumSchedule
{
    /// <summary>The most frames a schedule is evaluated over (an array of this many doubles is allocated).</summary>
    public const int MaxFramesLimit = 1_000_000;

    private DeforumSchedule(int maxFrames, IReadOnlyList<DeforumKey> keys)
    {
        MaxFrames = maxFrames;
        Keys = keys;
    }

    /// <summary>The number of frames the schedule is evaluated over; <c>max_f</c> is one less.</summary>
    public int MaxFrames { get; }

    /// <summary>The keys in frame order.</summary>
    public IReadOnlyList<DeforumKey> Keys { get; }

    public static bool TryParse(string text, int maxFrames, out DeforumSchedule? schedule, out ScheduleError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        schedule = null;
        if (maxFrames is < 1 or > MaxFramesLimit)
        {
            error = new ScheduleError($"max_frames must be from 1 to {MaxFramesLimit}, not {maxFrames}", 0);
            return false;
        }

        var keys = new List<DeforumKey>();
        var seen = new HashSet<int>();
        foreach (var (start, end) in SplitTopLevel(text, ','))
        {
            if (text.AsSpan(start, end - start).IsWhiteSpace())
            {
                // A trailing comma is tolerated; an empty key between commas is not.
                if (end == text.Length && keys.Count > 0)
                {
                    break;
                }

                error = new ScheduleError(keys.Count == 0 && end == text.Length ? "the schedule is empty; expected 'frame: (value)'" : "empty key between commas", start);
                return false;
            }

            if (!TryParseKey(text, start, end, maxFrames, out var key, out error))
            {
                return false;
            }

            if (!seen.Add(key!.Frame))
            {
                error = new ScheduleError($"frame {key.Frame} has two keys", start + (text.AsSpan(start, end - start).Length - text.AsSpan(start, end - start).TrimStart().Length));
                return false;
            }

            keys.Add(key);
        }

        keys.Sort((a, b) => a.Frame.CompareTo(b.Frame));
        schedule = new DeforumSchedule(maxFrames, keys);
        error = null;
        return true;
    }

    /// <summary>
    /// The value at every frame 0 … MaxFrames − 1, exactly as Deforum's <c>get_inbetweens</c>:
    /// expression keys evaluated per frame until the next key, numeric keys placed at their
    /// frames, the ends held, gaps filled linearly. An expression giving NaN or infinity is an
    /// error naming the key and frame.
    /// </summary>
    public bool TryEvaluate(double seed, out double[]? values, out ScheduleError? error)
    {
        values = null;
        var series = new double[MaxFrames];
        Array.Fill(series, double.NaN);
        var maxF = MaxFrames - 1;
        var next = 0;
        DeforumKey? active = null;
        for (var frame = 0; frame < MaxFrames; frame++)
        {
            while (next < Keys.Count && Keys[next].Frame <= frame)
            {
                active = Keys[next++];
                if (active.IsNumber)
                {
                    series[active.Frame] = active.Value.Evaluate(default);
                }
            }

            if (active is { IsNumber: false })
            {
                var value = active.Value.Evaluate(new ScheduleVariables(frame, maxF, seed));
                if (!double.IsFinite(value))
                {
                    error = new ScheduleError(string.Create(CultureInfo.InvariantCulture, $"the expression of frame {active.Frame} gives {value} at frame {frame}"), active.Offset);
                    return false;
                }

                series[frame] = value;
            }
        }

        if (Array.FindIndex(series, double.IsFinite) is var first and >= 0)
        {
            FillGaps(series, first);
        }
        else
        {
            error = new ScheduleError($"no key falls within the {MaxFrames} frames", 0);
            return false;
        }

        values = series;
        error = null;
        return true;
    }

    private static void FillGaps(double[] series, int first)
    {
        var last = Array.FindLastIndex(series, double.IsFinite);
        series[0] = series[first];
        series[^1] = series[last];
        var previous = 0;
        for (var i = 1; i < series.Length; i++)
        {
            if (double.IsNaN(series[i]))
            {
                continue;
            }

            for (var gap = previous + 1; gap < i; gap++)
            {
                var u = (double)(gap - previous) / (i - previous);
                series[gap] = series[previous] + ((series[i] - series[previous]) * u);
            }

            previous = i;
        }
    }

    private static bool TryParseKey(string text, int start, int end, int maxFrames, out DeforumKey? key, out ScheduleError? error)
    {
        key = null;
        var colon = SplitTopLevel(text[start..end], ':').First().End + start;
        if (colon >= end)
        {
            error = new ScheduleError("expected 'frame: (value)'; this key has no ':'", Skip(text, start, end));
            return false;
        }

        var (frameStart, frameEnd) = Unquote(text, start, colon);
        var frameText = text[frameStart..frameEnd];
        int frame;
        if (frameText.Length > 0 && frameText.All(char.IsAsciiDigit) && int.TryParse(frameText, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            frame = plain;
        }
        else
        {
            if (!ScheduleExpression.TryParse(frameText, out var frameExpression, out error, frameStart))
            {
                error = error! with { Message = $"frame: {error.Message}" };
                return false;
            }

            var value = frameExpression!.Evaluate(new ScheduleVariables(0, maxFrames - 1, 0));
            if (!(value >= 0 && value < int.MaxValue))
            {
                error = new ScheduleError(string.Create(CultureInfo.InvariantCulture, $"frame '{frameText}' is {value}; frames are whole numbers from 0"), frameStart);
                return false;
            }

            frame = (int)value;
        }

        var (valueStart, valueEnd) = Unquote(text, colon + 1, end);
        var valueText = text[valueStart..valueEnd];
        if (!ScheduleExpression.TryParse(valueText, out var expression, out error, valueStart))
        {
            return false;
        }

        var bare = valueText.Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
        key = new DeforumKey(frame, expression!, ScheduleNumbers.IsPlainNumber(bare), valueStart);
        return true;
    }

    /// <summary>The range inside surrounding whitespace and one pair of matching quotes.</summary>
    private static (int Start, int End) Unquote(string text, int start, int end)
    {
        start = Skip(text, start, end);
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end - start >= 2 && text[start] is '"' or '\'' && text[end - 1] == text[start])
        {
            return (start + 1, end - 1);
        }

        return (start, end);
    }

    private static int Skip(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return start;
    }

    /// <summary>Pieces between <paramref name="separator"/>s outside parentheses and quotes.</summary>
    private static IEnumerable<(int Start, int End)> SplitTopLevel(string text, char separator)
    {
        var depth = 0;
        var quote = '\0';
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == separator && depth == 0)
            {
                yield return (start, i);
                start = i + 1;
            }
        }

        yield return (start, text.Length);
    }
}
