using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiClient
{
    /// <summary>
    /// The prompt's history entry, or null while ComfyUI returns <c>{}</c>: that means unknown or
    /// not finished yet, because the entry is written only when the prompt is done.
    /// </summary>
    public async Task<ComfyUiHistoryEntry?> GetHistoryAsync(string promptId, CancellationToken cancellationToken)
    {
        const string route = "GET /history/{id}";
        var root = await GetJsonAsync("history/" + Uri.EscapeDataString(promptId), route, cancellationToken);
        ComfyUiJson.Object(root, "(root)", route);
        return root.TryGetProperty(promptId, out var entry) ? ParseHistory(promptId, entry, route) : null;
    }

    /// <summary>Whether the prompt is running or waiting in ComfyUI's queue (<c>GET /queue</c>).</summary>
    public async Task<bool> IsQueuedAsync(string promptId, CancellationToken cancellationToken)
    {
        const string route = "GET /queue";
        var root = await GetJsonAsync("queue", route, cancellationToken);
        foreach (var list in new[] { "queue_running", "queue_pending" })
        {
            var items = ComfyUiJson.Array(ComfyUiJson.Required(root, list, list, route), list, route);
            foreach (var item in items.EnumerateArray())
            {
                // Items are [number, prompt_id, prompt, extra_data, outputs(, sensitive)]: only 0..4 are stable.
                ComfyUiJson.Array(item, $"{list}[]", route);
                if (item.GetArrayLength() < 2)
                {
                    throw new BackendException($"ComfyUI {route} returned an unexpected shape: field '{list}[]' has fewer than 2 elements", transient: false);
                }

                if (string.Equals(ComfyUiJson.String(item[1], $"{list}[][1]", route), promptId, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Stops a prompt the way ComfyUI needs: drop it from the queue if still pending, interrupt it if
    /// running (only that prompt, never someone else's), then forget its history.
    /// </summary>
    public async Task CancelAsync(string promptId, CancellationToken cancellationToken)
    {
        await PostAsync("queue", new JsonObject { ["delete"] = new JsonArray(promptId) }, "POST /queue", cancellationToken);
        await PostAsync("interrupt", new JsonObject { ["prompt_id"] = promptId }, "POST /interrupt", cancellationToken);
        await DeleteHistoryAsync(promptId, cancellationToken);
    }

    public Task DeleteHistoryAsync(string promptId, CancellationToken cancellationToken) =>
        PostAsync("history", new JsonObject { ["delete"] = new JsonArray(promptId) }, "POST /history", cancellationToken);

    public async Task<ComfyUiSystemStats> GetSystemStatsAsync(CancellationToken cancellationToken)
    {
        const string route = "GET /system_stats";
        var root = await GetJsonAsync("system_stats", route, cancellationToken);
        var system = ComfyUiJson.Object(ComfyUiJson.Required(root, "system", "system", route), "system", route);
        var version = ComfyUiJson.String(ComfyUiJson.Required(system, "comfyui_version", "system.comfyui_version", route), "system.comfyui_version", route);
        var devices = new List<ComfyUiDevice>();
        if (ComfyUiJson.Optional(root, "devices") is { } list)
        {
            foreach (var device in ComfyUiJson.Array(list, "devices", route).EnumerateArray())
            {
                ComfyUiJson.Object(device, "devices[]", route);
                devices.Add(new ComfyUiDevice(
                    ComfyUiJson.OptionalString(device, "name", "devices[].name", route) ?? "(unnamed)",
                    ComfyUiJson.OptionalString(device, "type", "devices[].type", route) ?? "unknown",
                    ComfyUiJson.Optional(device, "vram_total") is { } total ? (long)ComfyUiJson.Number(total, "devices[].vram_total", route) : 0,
                    ComfyUiJson.Optional(device, "vram_free") is { } free ? (long)ComfyUiJson.Number(free, "devices[].vram_free", route) : 0));
            }
        }

        return new ComfyUiSystemStats(version, devices);
    }

    public async Task<ComfyUiObjectInfo> GetObjectInfoAsync(CancellationToken cancellationToken)
    {
        const string route = "GET /object_info";
        return ComfyUiObjectInfo.Parse(await GetJsonAsync("object_info", route, cancellationToken), route);
    }

    internal async Task<JsonElement> GetJsonAsync(string relative, string route, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(relative));
        using var response = await SendAsync(request, route, HttpCompletionOption.ResponseContentRead, allowBadRequest: false, cancellationToken);
        return ComfyUiJson.Parse(await response.Content.ReadAsStringAsync(cancellationToken), route);
    }

    private async Task PostAsync(string relative, JsonObject body, string route, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route(relative)) { Content = JsonContent(body) };
        using var response = await SendAsync(request, route, HttpCompletionOption.ResponseContentRead, allowBadRequest: false, cancellationToken);
    }

    internal static ComfyUiHistoryEntry ParseHistory(string promptId, JsonElement entry, string route)
    {
        var field = promptId;
        ComfyUiJson.Object(entry, field, route);
        var status = ComfyUiJson.Object(ComfyUiJson.Required(entry, "status", $"{field}.status", route), $"{field}.status", route);
        var statusText = ComfyUiJson.String(ComfyUiJson.Required(status, "status_str", $"{field}.status.status_str", route), $"{field}.status.status_str", route);
        var completed = ComfyUiJson.Boolean(ComfyUiJson.Required(status, "completed", $"{field}.status.completed", route), $"{field}.status.completed", route);
        var messages = new List<ComfyUiHistoryMessage>();
        if (ComfyUiJson.Optional(status, "messages") is { } list)
        {
            foreach (var message in ComfyUiJson.Array(list, $"{field}.status.messages", route).EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Array || message.GetArrayLength() != 2)
                {
                    throw new BackendException($"ComfyUI {route} returned an unexpected shape: field '{field}.status.messages[]' should be a [type, data] pair but is {ComfyUiJson.Describe(message)}", transient: false);
                }

                messages.Add(new ComfyUiHistoryMessage(ComfyUiJson.String(message[0], $"{field}.status.messages[][0]", route), message[1].Clone()));
            }
        }

        var outputs = new Dictionary<string, IReadOnlyList<ComfyUiOutputFile>>(StringComparer.Ordinal);
        if (ComfyUiJson.Optional(entry, "outputs") is { } nodes)
        {
            ComfyUiJson.Object(nodes, $"{field}.outputs", route);
            foreach (var node in nodes.EnumerateObject())
            {
                outputs[node.Name] = ParseOutputFiles(node.Value, $"{field}.outputs.{node.Name}", route);
            }
        }

        return new ComfyUiHistoryEntry(promptId, statusText, completed, outputs, messages);
    }

    /// <summary>
    /// Every saved file in a node's output, whatever list it is under: core puts video under
    /// <c>images</c> (marked <c>animated</c>), custom nodes use <c>gifs</c>, <c>videos</c>, <c>audio</c>.
    /// Lists of non-files (text, numbers) are skipped.
    /// </summary>
    internal static List<ComfyUiOutputFile> ParseOutputFiles(JsonElement output, string field, string route)
    {
        ComfyUiJson.Object(output, field, route);
        var animated = ComfyUiJson.Optional(output, "animated") is { ValueKind: JsonValueKind.Array } flags
                       && flags.EnumerateArray().Any(f => f.ValueKind == JsonValueKind.True);
        var files = new List<ComfyUiOutputFile>();
        foreach (var list in output.EnumerateObject())
        {
            if (list.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in list.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("filename", out var name))
                {
                    continue;
                }

                var itemField = $"{field}.{list.Name}[]";
                files.Add(new ComfyUiOutputFile(
                    ComfyUiJson.String(name, $"{itemField}.filename", route),
                    ComfyUiJson.OptionalString(item, "subfolder", $"{itemField}.subfolder", route) ?? "",
                    ComfyUiJson.OptionalString(item, "type", $"{itemField}.type", route) ?? "output",
                    animated,
                    ComfyUiJson.OptionalString(item, "format", $"{itemField}.format", route)));
            }
        }

        return files;
    }
}
