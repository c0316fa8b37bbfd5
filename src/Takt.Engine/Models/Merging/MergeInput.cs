namespace Takt.Engine.Models.Merging;

/// <summary>One model of a merge: a safetensors path (absolute once parsed) and its coefficient.</summary>
public sealed record MergeInput(string Path, double Coefficient = 1);
