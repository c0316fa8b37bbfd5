namespace Takt.Domain.Schedules;

/// <summary>How a prompt schedule moves from one key to the next.</summary>
public enum PromptBlend : byte
{
    /// <summary>Each prompt holds until the next key (Deforum's normal render).</summary>
    Held,

    /// <summary>
    /// Between keys the backend blends the two prompts (FizzNodes: in conditioning space) with the
    /// weight on the current prompt falling linearly from 1 at its key toward 0 at the next.
    /// </summary>
    Blended,
}
