namespace Takt.Domain.Schedules;

/// <summary>
/// A prompt schedule at one frame: the backend conditions on
/// <c>Weight·encode(Current) + (1 − Weight)·encode(Next)</c>. Held schedules, and frames on a key
/// or outside the keys, have <c>Next == Current</c> and <c>Weight == 1</c>.
/// </summary>
public readonly record struct PromptFrame(string Current, string Next, double Weight);
