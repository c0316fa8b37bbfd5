namespace Takt.Domain.Schedules;

/// <summary>
/// Prompts keyed at frames, held or blended between keys; before the first key the first prompt
/// holds and after the last the last. FizzNodes' and prompt-travel maps read into it
/// (<see cref="TryParseFizzNodes"/>, <see cref="TryParsePromptMap"/>) and write back out.
/// </summary>
public sealed partial class PromptSchedule
{
    private readonly int[] _frames;

    private PromptSchedule(IReadOnlyList<PromptKey> keys, PromptBlend mode)
    {
        Keys = keys;
        Mode = mode;
        _frames = [.. keys.Select(k => k.Frame)];
    }

    /// <summary>The keys in increasing frame order.</summary>
    public IReadOnlyList<PromptKey> Keys { get; }

    public PromptBlend Mode { get; }

    /// <summary>A schedule from keys (any order, distinct frames, none negative), or the problem.</summary>
    public static bool TryCreate(IEnumerable<PromptKey> keys, PromptBlend mode, out PromptSchedule? schedule, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(keys);
        schedule = null;
        var sorted = keys.OrderBy(k => k.Frame).ToList();
        if (sorted.Count == 0)
        {
            problem = "a prompt schedule needs at least one key";
            return false;
        }

        if (!Enum.IsDefined(mode))
        {
            problem = $"unknown blend mode {mode}";
            return false;
        }

        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Frame < 0)
            {
                problem = $"frame {sorted[i].Frame} is negative";
                return false;
            }

            if (sorted[i].Text is null)
            {
                problem = $"frame {sorted[i].Frame} has no prompt";
                return false;
            }

            if (i > 0 && sorted[i].Frame == sorted[i - 1].Frame)
            {
                problem = $"frame {sorted[i].Frame} has two prompts";
                return false;
            }
        }

        schedule = new PromptSchedule(sorted, mode);
        problem = null;
        return true;
    }

    /// <summary>The prompts and blend weight at <paramref name="frame"/> (FizzNodes: weight = 1 − (f − k0)/(k1 − k0) on the current prompt).</summary>
    public PromptFrame At(double frame)
    {
        if (double.IsNaN(frame))
        {
            throw new ArgumentException("a schedule is evaluated at a frame, not NaN", nameof(frame));
        }

        var index = Array.BinarySearch(_frames, (int)Math.Clamp(Math.Floor(frame), int.MinValue, int.MaxValue));
        index = index >= 0 ? index : ~index - 1;
        if (index < 0)
        {
            return Hold(0);
        }

        if (index == _frames.Length - 1 || Mode == PromptBlend.Held || frame == _frames[index])
        {
            return Hold(index);
        }

        var from = _frames[index];
        var to = _frames[index + 1];
        var weight = 1 - ((frame - from) / (to - from));
        return new PromptFrame(Keys[index].Text, Keys[index + 1].Text, weight);
    }

    /// <summary>The schedule at frames 0 … count − 1.</summary>
    public PromptFrame[] Evaluate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var frames = new PromptFrame[count];
        for (var i = 0; i < count; i++)
        {
            frames[i] = At(i);
        }

        return frames;
    }

    private PromptFrame Hold(int index) => new(Keys[index].Text, Keys[index].Text, 1);
}
