namespace Takt.Engine.Backends.ComfyUi;

/// <summary>A workflow template file is not usable; <see cref="Problems"/> names every problem found, not only the first.</summary>
public sealed class ComfyUiTemplateException(string source, IReadOnlyList<string> problems)
    : Exception($"ComfyUI template {source} has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}: {string.Join("; ", problems)}")
{
    public string TemplateSource { get; } = source;

    public IReadOnlyList<string> Problems { get; } = problems;
}
