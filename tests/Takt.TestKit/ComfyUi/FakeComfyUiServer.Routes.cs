using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Takt.TestKit.ComfyUi;

public sealed partial class FakeComfyUiServer
{
    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/system_stats", SystemStatsAsync);
        routes.MapGet("/object_info", ctx => JsonAsync(ctx, FakeComfyUiObjectInfo.Build(InputFiles())));
        routes.MapGet("/object_info/{node_class}", ObjectInfoOfAsync);
        routes.MapPost("/prompt", PostPromptAsync);
        routes.MapGet("/prompt", ctx => JsonAsync(ctx, new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = QueueRemaining } }));
        routes.MapGet("/queue", GetQueueAsync);
        routes.MapPost("/queue", PostQueueAsync);
        routes.MapPost("/interrupt", PostInterruptAsync);
        routes.MapGet("/history", GetHistoryAsync);
        routes.MapGet("/history/{prompt_id}", GetHistoryOfAsync);
        routes.MapPost("/history", PostHistoryAsync);
        routes.MapGet("/view", ViewAsync);
        routes.MapPost("/upload/image", UploadAsync);
        routes.Map("/ws", WebSocketAsync);
    }

    private async Task MalformedAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            path = path[4..];
        }

        var key = $"{context.Request.Method} {path}";
        foreach (var (prefix, body) in Chaos.MalformedResponses)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body.Replace("{id}", path[(path.LastIndexOf('/') + 1)..], StringComparison.Ordinal), context.RequestAborted);
                return;
            }
        }

        await next(context);
    }

    private Task SystemStatsAsync(HttpContext context) => JsonAsync(context, new JsonObject
    {
        ["system"] = new JsonObject
        {
            ["os"] = "posix",
            ["ram_total"] = 67_108_864_000L,
            ["ram_free"] = 50_000_000_000L,
            ["comfyui_version"] = Version,
            ["required_frontend_version"] = "1.27.10",
            ["python_version"] = "3.12.3 (main) [GCC 13.2.0]",
            ["pytorch_version"] = "2.8.0+cu128",
            ["embedded_python"] = false,
            ["argv"] = new JsonArray("main.py", "--listen", "127.0.0.1"),
        },
        ["devices"] = new JsonArray(new JsonObject
        {
            ["name"] = "cuda:0 Fake GPU : cudaMallocAsync",
            ["type"] = "cuda",
            ["index"] = 0,
            ["vram_total"] = 85_899_345_920L,
            ["vram_free"] = 80_000_000_000L,
            ["torch_vram_total"] = 0,
            ["torch_vram_free"] = 0,
        }),
    });

    private Task ObjectInfoOfAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["node_class"]!;
        var all = FakeComfyUiObjectInfo.Build(InputFiles());
        var result = new JsonObject();
        if (all[name] is { } info)
        {
            result[name] = info.DeepClone();
        }

        return JsonAsync(context, result);
    }

    private async Task PostPromptAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        if (body?["prompt"] is not JsonObject prompt)
        {
            await JsonAsync(context, Rejection("no_prompt", "No prompt provided", "No prompt provided"), StatusCodes.Status400BadRequest);
            return;
        }

        var promptId = body["prompt_id"]?.GetValue<string>() ?? Guid.NewGuid().ToString("D");
        if (!Guid.TryParseExact(promptId, "D", out _) || !string.Equals(promptId, promptId.ToLowerInvariant(), StringComparison.Ordinal))
        {
            // Newer ComfyUI builds accept only canonical lower-case UUIDs as client-chosen ids.
            await JsonAsync(context, Rejection("invalid_prompt", "Invalid prompt_id", $"prompt_id '{promptId}' is not a lower-case UUID"), StatusCodes.Status400BadRequest);
            return;
        }

        var validation = Validate(prompt);
        if (validation.Rejection is { } rejection)
        {
            await JsonAsync(context, rejection, StatusCodes.Status400BadRequest);
            return;
        }

        double number;
        lock (_gate)
        {
            number = body["number"] is JsonValue n ? n.GetValue<double>() : _counter++;
            if (body["front"] is JsonValue front && front.GetValue<bool>())
            {
                number = -number;
            }

            var extra = body["extra_data"] as JsonObject ?? [];
            var clientId = body["client_id"]?.GetValue<string>();
            if (clientId is not null)
            {
                extra["client_id"] = clientId;
            }

            _pending.Add(new QueuedPrompt(number, promptId, (JsonObject)prompt.DeepClone(), (JsonObject)extra.DeepClone(), validation.GoodOutputs, clientId));
        }

        await BroadcastStatusAsync();
        _wake.Release();
        await JsonAsync(context, new JsonObject { ["prompt_id"] = promptId, ["number"] = number, ["node_errors"] = validation.NodeErrors });
    }

    private Task GetQueueAsync(HttpContext context)
    {
        JsonObject result;
        lock (_gate)
        {
            result = new JsonObject
            {
                ["queue_running"] = new JsonArray(_running is null ? [] : [_running.ToQueueItem()]),
                ["queue_pending"] = new JsonArray(_pending.OrderBy(p => p.Number).ThenBy(p => p.PromptId, StringComparer.Ordinal).Select(p => (JsonNode?)p.ToQueueItem()).ToArray()),
            };
        }

        return JsonAsync(context, result);
    }

    private async Task PostQueueAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        lock (_gate)
        {
            if (body?["clear"] is JsonValue clear && clear.GetValue<bool>())
            {
                _pending.Clear();
            }

            if (body?["delete"] is JsonArray delete)
            {
                var ids = delete.Select(d => d!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                _pending.RemoveAll(p => ids.Contains(p.PromptId));
            }
        }

        await BroadcastStatusAsync();
    }

    private async Task PostInterruptAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        var promptId = body?["prompt_id"]?.GetValue<string>();
        _interrupts.Enqueue(promptId ?? "");
        lock (_gate)
        {
            // With a prompt id, only that prompt is interrupted, and only while it runs.
            if (promptId is null || string.Equals(_running?.PromptId, promptId, StringComparison.Ordinal))
            {
                _interruptRequested = true;
            }
        }
    }

    private Task GetHistoryAsync(HttpContext context)
    {
        var max = int.TryParse(context.Request.Query["max_items"], out var m) ? m : int.MaxValue;
        var result = new JsonObject();
        lock (_gate)
        {
            foreach (var id in _historyOrder.TakeLast(max))
            {
                result[id] = _history[id].DeepClone();
            }
        }

        return JsonAsync(context, result);
    }

    private Task GetHistoryOfAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["prompt_id"]!;
        var result = new JsonObject();
        lock (_gate)
        {
            if (_history.TryGetValue(id, out var entry))
            {
                result[id] = entry.DeepClone();
            }
        }

        return JsonAsync(context, result);
    }

    private async Task PostHistoryAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        lock (_gate)
        {
            if (body?["clear"] is JsonValue clear && clear.GetValue<bool>())
            {
                _history.Clear();
                _historyOrder.Clear();
            }

            if (body?["delete"] is JsonArray delete)
            {
                foreach (var id in delete.Select(d => d!.GetValue<string>()))
                {
                    _history.Remove(id);
                    _historyOrder.Remove(id);
                }
            }
        }
    }

    private async Task ViewAsync(HttpContext context)
    {
        var name = context.Request.Query["filename"].ToString();
        var subfolder = context.Request.Query["subfolder"].ToString();
        var type = context.Request.Query["type"].ToString() is { Length: > 0 } t ? t : "output";
        if (name.Length == 0 || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || type is not ("output" or "input" or "temp"))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(Root, type, subfolder));
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (!path.StartsWith(Path.GetFullPath(Path.Combine(Root, type)), StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!File.Exists(path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path, context.RequestAborted);
        context.Response.ContentType = name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "application/octet-stream";
        context.Response.Headers.ContentDisposition = $"filename=\"{name}\"";
        context.Response.ContentLength = bytes.Length;
        if (Chaos.TruncateViews)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);

            // Let the half body leave the socket before the connection is cut; an immediate abort can discard it.
            await Task.Delay(100, context.RequestAborted);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task UploadAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("image") is not { } file)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var type = form["type"].ToString() is { Length: > 0 } t ? t : "input";
        var subfolder = form["subfolder"].ToString();
        var overwrite = form["overwrite"].ToString() is "true" or "1";
        var folder = Directory.CreateDirectory(Path.Combine(Root, type, subfolder)).FullName;
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();

        // Same name and same bytes: keep the file. Same name, other bytes: "name (1).ext" (server.py image_upload).
        var name = Path.GetFileName(file.FileName);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var i = 1; !overwrite && File.Exists(Path.Combine(folder, name)); i++)
        {
            if (SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, name), context.RequestAborted)).AsSpan().SequenceEqual(SHA256.HashData(bytes)))
            {
                break;
            }

            name = $"{stem} ({i}){extension}";
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes, context.RequestAborted);
        await JsonAsync(context, new JsonObject { ["name"] = name, ["subfolder"] = subfolder, ["type"] = type });
    }

    private List<string> InputFiles() =>
        Directory.EnumerateFiles(InputFolder).Select(f => Path.GetFileName(f)!).ToList();

    private static JsonObject Rejection(string type, string message, string details) => new()
    {
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message, ["details"] = details, ["extra_info"] = new JsonObject() },
        ["node_errors"] = new JsonObject(),
    };

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task JsonAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
