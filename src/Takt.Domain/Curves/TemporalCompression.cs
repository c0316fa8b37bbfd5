using Takt.Domain.Schedules;

namespace Takt.Domain.Curves;

/// <summary>
/// How a video model packs output frames into latent frames, with the "k·n + 1" convention of
/// causal video VAEs (Wan and Hunyuan with <see cref="Factor"/> 4, LTX with 8): latent 0 is frame 0
/// alone, and latent i ≥ 1 covers frames Factor·(i − 1) + 1 … Factor·i. So 81 frames at factor 4
/// are 21 latents, and a valid frame count is Factor·n + 1.
/// A curve is evaluated for a latent at its <see cref="CentreFrame"/>: the latent encodes all its
/// frames together, and the centre is the one time that is at most half a latent away from every
/// frame it stands for (the first or last frame would lead or lag the others by a whole latent).
/// </summary>
public sealed record TemporalCompression
{
    public TemporalCompression(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        Factor = factor;
    }

    public int Factor { get; }

    /// <summary>The latent frame that holds output frame <paramref name="frame"/>.</summary>
    public int LatentOf(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        return frame == 0 ? 0 : ((frame - 1) / Factor) + 1;
    }

    public int FirstFrame(int latent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latent);
        return latent == 0 ? 0 : (Factor * (latent - 1)) + 1;
    }

    public int LastFrame(int latent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latent);
        return Factor * latent;
    }

    /// <summary>The middle of the latent's frames: 0 for latent 0, Factor·i − (Factor − 1)/2 after.</summary>
    public double CentreFrame(int latent) => (FirstFrame(latent) + LastFrame(latent)) / 2.0;

    /// <summary>The latents needed for <paramref name="frameCount"/> output frames (the last may be partly filled).</summary>
    public int LatentCount(int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        return frameCount == 0 ? 0 : LatentOf(frameCount - 1) + 1;
    }

    /// <summary>True when <paramref name="frameCount"/> fills its latents exactly (Factor·n + 1 frames).</summary>
    public bool IsExact(int frameCount) => frameCount >= 1 && (frameCount - 1) % Factor == 0;

    /// <summary>Fills <paramref name="values"/> with the curve at latents 0, 1, …: each at its centre frame.</summary>
    public void SampleLatents(Curve curve, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (values.IsEmpty)
        {
            return;
        }

        values[0] = curve.Sample(0);
        // Centres after latent 0 are evenly spaced a latent apart, so the segment walk applies.
        curve.SampleInto(values[1..], CentreFrame(1), Factor);
    }

    /// <summary>A prompt schedule at latents 0 … count − 1, each at its centre frame (so a blend weight can fall between output frames).</summary>
    public PromptFrame[] SampleLatents(PromptSchedule schedule, int latentCount)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(latentCount);
        var frames = new PromptFrame[latentCount];
        for (var i = 0; i < latentCount; i++)
        {
            frames[i] = schedule.At(CentreFrame(i));
        }

        return frames;
    }
}
