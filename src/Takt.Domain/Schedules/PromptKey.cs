namespace Takt.Domain.Schedules;

/// <summary>A prompt that starts at a frame.</summary>
public sealed record PromptKey(int Frame, string Text);
