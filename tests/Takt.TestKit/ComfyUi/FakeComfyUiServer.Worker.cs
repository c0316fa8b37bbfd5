using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.TestKit.ComfyUi;

public sealed partial class FakeComfyUiServer
{
    private const int PreviewSize = 8;

    /// <summary>ComfyUI's prompt_worker: one prompt at a time, lowest number first.</summary>
    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _wake.WaitAsync(cancellationToken);
            QueuedPrompt? item;
            lock (_gate)
            {
                item = _pending.OrderBy(p => p.Number).ThenBy(p => p.PromptId, StringComparer.Ordinal).FirstOrDefault();
                if (item is null)
                {
                    continue;
                }

                _pending.Remove(item);
                _running = item;
                _interruptRequested = false;
            }

            await BroadcastStatusAsync();
            await ExecuteAsync(item, cancellationToken);
        }
    }

    private async Task ExecuteAsync(QueuedPrompt item, CancellationToken cancellationToken)
    {
        var sid = item.ClientId;
        var messages = new JsonArray();
        async Task Emit(string type, JsonObject data)
        {
            messages.Add(new JsonArray(type, data.DeepClone()));
            await SendAsync(sid, type, data);
        }

        await Emit("execution_start", new JsonObject { ["prompt_id"] = item.PromptId, ["timestamp"] = Timestamp });
        var order = ExecutionOrder(item.Prompt, item.Outputs);
        var signatures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            signatures[id] = Signature(item.Prompt, id, signatures);
        }

        List<string> cached;
        lock (_gate)
        {
            cached = order.Where(id => _cache.ContainsKey(signatures[id])).ToList();
        }

        await Emit("execution_cached", new JsonObject { ["nodes"] = new JsonArray(cached.Select(c => (JsonNode?)c).ToArray()), ["prompt_id"] = item.PromptId, ["timestamp"] = Timestamp });
        var outputs = new JsonObject();
        var executed = new List<string>();
        string? failure = null;
        foreach (var id in order)
        {
            var classType = (string)item.Prompt[id]!["class_type"]!;
            if (cached.Contains(id))
            {
                JsonNode? ui;
                lock (_gate)
                {
                    ui = _cache[signatures[id]];
                }

                // Cached output nodes still report their results (execution.py re-sends executed for them).
                if (ui is not null)
                {
                    outputs[id] = ui.DeepClone();
                    await SendToClientAsync(sid, "executed", new JsonObject { ["node"] = id, ["display_node"] = id, ["output"] = ui.DeepClone(), ["prompt_id"] = item.PromptId });
                }

                continue;
            }

            if (_interruptRequested)
            {
                failure = "execution_interrupted";
                await Emit("execution_interrupted", Interrupted(item, id, classType, executed));
                break;
            }

            lock (_gate)
            {
                _runningNode = id;
            }

            await SendAsync(sid, "progress_state", ProgressState(item.PromptId, id, 0, 1, "running"));
            await SendToClientAsync(sid, "executing", new JsonObject { ["node"] = id, ["display_node"] = id, ["prompt_id"] = item.PromptId });
            var outcome = await RunNodeAsync(item, id, classType, signatures, executed, cancellationToken);
            if (outcome.Failure is { } type)
            {
                failure = type;
                await Emit(type, outcome.Data!);
                break;
            }

            lock (_gate)
            {
                _cache[signatures[id]] = outcome.Ui?.DeepClone();
            }

            _executions.AddOrUpdate(classType, 1, (_, n) => n + 1);
            await SendAsync(sid, "progress_state", ProgressState(item.PromptId, id, 1, 1, "finished"));
            if (outcome.Ui is { } output)
            {
                outputs[id] = output.DeepClone();
                await SendToClientAsync(sid, "executed", new JsonObject { ["node"] = id, ["display_node"] = id, ["output"] = output.DeepClone(), ["prompt_id"] = item.PromptId });
            }

            executed.Add(id);
        }

        if (failure is null)
        {
            await Emit("execution_success", new JsonObject { ["prompt_id"] = item.PromptId, ["timestamp"] = Timestamp });
        }

        // History is written only at task_done, after execution_success (main.py prompt_worker).
        if (Chaos.HistoryDelay > TimeSpan.Zero)
        {
            await Task.Delay(Chaos.HistoryDelay, cancellationToken);
        }

        lock (_gate)
        {
            _history[item.PromptId] = new JsonObject
            {
                ["prompt"] = item.ToQueueItem(),
                ["outputs"] = outputs,
                ["status"] = new JsonObject
                {
                    ["status_str"] = failure is null ? "success" : "error",
                    ["completed"] = failure is null,
                    ["messages"] = messages,
                },
                ["meta"] = new JsonObject(outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)new JsonObject { ["node_id"] = o.Key, ["display_node"] = o.Key, ["parent_node"] = null, ["real_node_id"] = o.Key }))),
            };
            _historyOrder.Add(item.PromptId);
            _running = null;
            _runningNode = null;
        }

        await BroadcastStatusAsync();
        await SendToClientAsync(sid, "executing", new JsonObject { ["node"] = null, ["prompt_id"] = item.PromptId });
    }

    private sealed record NodeOutcome(JsonObject? Ui, string? Failure = null, JsonObject? Data = null);

    private async Task<NodeOutcome> RunNodeAsync(QueuedPrompt item, string id, string classType, Dictionary<string, string> signatures, List<string> executed, CancellationToken cancellationToken)
    {
        var sid = item.ClientId;
        if (string.Equals(Chaos.FailNode, id, StringComparison.Ordinal))
        {
            return new NodeOutcome(null, "execution_error", new JsonObject
            {
                ["prompt_id"] = item.PromptId,
                ["node_id"] = id,
                ["node_type"] = classType,
                ["executed"] = new JsonArray(executed.Select(e => (JsonNode?)e).ToArray()),
                ["exception_message"] = Chaos.FailMessage + "\n",
                ["exception_type"] = Chaos.FailExceptionType,
                ["traceback"] = new JsonArray("  File \"execution.py\", line 496, in execute\n", "  File \"nodes.py\", line 1525, in sample\n"),
                ["current_inputs"] = item.Prompt[id]!["inputs"]!.DeepClone(),
                ["current_outputs"] = new JsonArray(),
                ["timestamp"] = Timestamp,
            });
        }

        if (string.Equals(Chaos.HangNode, id, StringComparison.Ordinal))
        {
            HangReached.TrySetResult();
            while (!_interruptRequested)
            {
                await Task.Delay(10, cancellationToken);
            }

            return new NodeOutcome(null, "execution_interrupted", Interrupted(item, id, classType, executed));
        }

        var inputs = (JsonObject)item.Prompt[id]!["inputs"]!;
        switch (classType)
        {
            case "KSampler":
                var steps = inputs["steps"]!.GetValue<int>();
                await SendTextAsync(sid, id, $"sampling {steps} steps with {(string)inputs["sampler_name"]!}");
                for (var step = 1; step <= steps; step++)
                {
                    if (_interruptRequested)
                    {
                        return new NodeOutcome(null, "execution_interrupted", Interrupted(item, id, classType, executed));
                    }

                    if (Chaos.DropSocketsAtStep == step)
                    {
                        AbortSockets();
                    }

                    await SendAsync(sid, "progress", new JsonObject { ["value"] = step, ["max"] = steps, ["prompt_id"] = item.PromptId, ["node"] = id });
                    await SendAsync(sid, "progress_state", ProgressState(item.PromptId, id, step, steps, "running"));
                    await SendPreviewAsync(sid, item.PromptId, id, TinyPng.Render(PreviewSize, PreviewSize, SHA256.HashData(Encoding.UTF8.GetBytes($"{signatures[id]}/{step}"))));
                    await Task.Delay(2, cancellationToken);
                }

                return new NodeOutcome(null);
            case "SaveImage":
                var source = inputs["images"]!.AsArray()[0]!.ToString();
                var (width, height) = LatentSize(item.Prompt, source);
                var png = TinyPng.Render(width, height, SHA256.HashData(Encoding.UTF8.GetBytes(signatures[source])));
                var name = string.Create(CultureInfo.InvariantCulture, $"{(string?)inputs["filename_prefix"] ?? "ComfyUI"}_{Interlocked.Increment(ref _fileCounter):00000}_.png");
                await File.WriteAllBytesAsync(Path.Combine(OutputFolder, name), png, cancellationToken);
                return new NodeOutcome(new JsonObject { ["images"] = new JsonArray(new JsonObject { ["filename"] = name, ["subfolder"] = "", ["type"] = "output" }) });
            default:
                return new NodeOutcome(null);
        }
    }

    /// <summary>The nodes the good outputs need, dependencies first.</summary>
    private static List<string> ExecutionOrder(JsonObject prompt, List<string> outputs)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string id)
        {
            if (!seen.Add(id))
            {
                return;
            }

            foreach (var link in Links(prompt, id))
            {
                Visit(link.From);
            }

            order.Add(id);
        }

        foreach (var output in outputs)
        {
            Visit(output);
        }

        return order;
    }

    private static IEnumerable<(string Input, string From, int Slot)> Links(JsonObject prompt, string id) =>
        ((JsonObject)prompt[id]!["inputs"]!)
            .Where(i => i.Value is JsonArray { Count: 2 } a && a[1] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            .Select(i => (i.Key, i.Value![0]!.ToString(), i.Value[1]!.GetValue<int>()));

    /// <summary>
    /// ComfyUI's input signature: class, constant inputs sorted by name, and for links the source's
    /// signature and slot; LoadImage also hashes its file, as its IS_CHANGED does.
    /// </summary>
    private string Signature(JsonObject prompt, string id, Dictionary<string, string> known)
    {
        if (known.TryGetValue(id, out var signature))
        {
            return signature;
        }

        var node = prompt[id]!;
        var text = new StringBuilder((string)node["class_type"]!);
        foreach (var (name, value) in ((JsonObject)node["inputs"]!).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            text.Append('|').Append(name).Append('=');
            if (value is JsonArray { Count: 2 } link && link[1] is JsonValue slot && slot.GetValueKind() == JsonValueKind.Number)
            {
                text.Append("ANCESTOR(").Append(Signature(prompt, link[0]!.ToString(), known)).Append(',').Append(slot.ToJsonString()).Append(')');
            }
            else
            {
                text.Append(value?.ToJsonString());
            }
        }

        if (string.Equals((string)node["class_type"]!, "LoadImage", StringComparison.Ordinal) && node["inputs"]?["image"] is JsonValue image
            && File.Exists(Path.Combine(InputFolder, image.ToString())))
        {
            text.Append("|file=").Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(InputFolder, image.ToString())))));
        }

        signature = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        known[id] = signature;
        return signature;
    }

    /// <summary>The latent size upstream of a node, scaled down 8× (the fake renders small); 32×32 without a latent.</summary>
    private static (int Width, int Height) LatentSize(JsonObject prompt, string id)
    {
        var node = prompt[id]!;
        if (string.Equals((string)node["class_type"]!, "EmptyLatentImage", StringComparison.Ordinal))
        {
            return (Math.Max(1, node["inputs"]!["width"]!.GetValue<int>() / 8), Math.Max(1, node["inputs"]!["height"]!.GetValue<int>() / 8));
        }

        foreach (var link in Links(prompt, id))
        {
            var size = LatentSize(prompt, link.From);
            if (size != (32, 32))
            {
                return size;
            }
        }

        return (32, 32);
    }

    private static JsonObject Interrupted(QueuedPrompt item, string id, string classType, List<string> executed) => new()
    {
        ["prompt_id"] = item.PromptId,
        ["node_id"] = id,
        ["node_type"] = classType,
        ["executed"] = new JsonArray(executed.Select(e => (JsonNode?)e).ToArray()),
        ["timestamp"] = Timestamp,
    };

    private static JsonObject ProgressState(string promptId, string id, double value, double max, string state) => new()
    {
        ["prompt_id"] = promptId,
        ["nodes"] = new JsonObject
        {
            [id] = new JsonObject
            {
                ["value"] = value,
                ["max"] = max,
                ["state"] = state,
                ["node_id"] = id,
                ["prompt_id"] = promptId,
                ["display_node_id"] = id,
                ["parent_node_id"] = null,
                ["real_node_id"] = id,
            },
        },
    };
}
