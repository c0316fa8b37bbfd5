namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// A finished prompt as <c>GET /history/{id}</c> reports it. ComfyUI writes the entry only when the
/// prompt is done (success, error or interrupt), so its presence means "finished".
/// </summary>
/// <param name="Outputs">Saved files per output node id.</param>
/// <param name="Messages">The execution messages ComfyUI kept (execution_start, execution_cached, execution_error…), in order.</param>
public sealed record ComfyUiHistoryEntry(
    string PromptId,
    string Status,
    bool Completed,
    IReadOnlyDictionary<string, IReadOnlyList<ComfyUiOutputFile>> Outputs,
    IReadOnlyList<ComfyUiHistoryMessage> Messages)
{
    public bool Succeeded => Completed && string.Equals(Status, "success", StringComparison.Ordinal);

    public ComfyUiHistoryMessage? Find(string type) => Messages.LastOrDefault(m => string.Equals(m.Type, type, StringComparison.Ordinal));
}

/// <summary>One <c>[type, data]</c> pair of <c>status.messages</c>.</summary>
public sealed record ComfyUiHistoryMessage(string Type, System.Text.Json.JsonElement Data);
