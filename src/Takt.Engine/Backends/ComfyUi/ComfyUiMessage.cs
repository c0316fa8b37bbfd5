using System.Text.Json;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>Something ComfyUI sent on the WebSocket.</summary>
internal abstract record ComfyUiMessage;

/// <summary>A JSON frame <c>{"type", "data"}</c>.</summary>
internal sealed record ComfyUiEvent(string Type, JsonElement Data) : ComfyUiMessage
{
    /// <summary>The prompt the event concerns, when it names one (status messages do not).</summary>
    public string? PromptId => Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("prompt_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}

/// <summary>A preview image (binary frame type 1 or 4).</summary>
internal sealed record ComfyUiPreviewFrame(string MediaType, ReadOnlyMemory<byte> Image, string? NodeId, string? PromptId) : ComfyUiMessage;

/// <summary>Text a node sent (binary frame type 3), e.g. a log line or a generated caption.</summary>
internal sealed record ComfyUiTextFrame(string NodeId, string Text) : ComfyUiMessage;

/// <summary>A frame Takt could not read; logged, never fatal, since progress is best-effort.</summary>
internal sealed record ComfyUiUnreadableFrame(string Reason) : ComfyUiMessage;
