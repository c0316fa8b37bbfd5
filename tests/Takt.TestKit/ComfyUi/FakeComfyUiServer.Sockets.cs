using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Takt.TestKit.ComfyUi;

public sealed partial class FakeComfyUiServer
{
    private readonly ConcurrentDictionary<string, SocketClient> _sockets = new(StringComparer.Ordinal);

    private sealed class SocketClient(string sid, WebSocket socket)
    {
        public string Sid { get; } = sid;

        public WebSocket Socket { get; } = socket;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public bool SupportsPreviewMetadata { get; set; }
    }

    private async Task WebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var sid = context.Request.Query["clientId"].ToString() is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var client = new SocketClient(sid, socket);
        _sockets[sid] = client;
        try
        {
            await SendToAsync(client, "status", new JsonObject { ["status"] = new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = QueueRemaining } }, ["sid"] = sid });
            string? runningNode;
            lock (_gate)
            {
                runningNode = string.Equals(_running?.ClientId, sid, StringComparison.Ordinal) ? _runningNode : null;
            }

            if (runningNode is not null)
            {
                await SendToAsync(client, "executing", new JsonObject { ["node"] = runningNode });
            }

            await ReceiveAsync(client, context.RequestAborted);
        }
        catch (WebSocketException)
        {
            // A dropped client is normal.
        }
        catch (OperationCanceledException)
        {
            // The server is stopping or the request was aborted.
        }
        finally
        {
            _sockets.TryRemove(new KeyValuePair<string, SocketClient>(sid, client));
        }
    }

    private static async Task ReceiveAsync(SocketClient client, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 << 10];
        var first = true;
        while (client.Socket.State == WebSocketState.Open)
        {
            var result = await client.Socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }

            // Only a feature_flags message sent first counts (server.py websocket_handler).
            if (first && result.MessageType == WebSocketMessageType.Text)
            {
                var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (message?["type"]?.GetValue<string>() == "feature_flags")
                {
                    client.SupportsPreviewMetadata = message["data"]?["supports_preview_metadata"] is JsonValue flag && flag.GetValue<bool>();
                    await SendToAsync(client, "feature_flags", new JsonObject { ["supports_preview_metadata"] = true, ["max_upload_size"] = 104_857_600 });
                }
            }

            first = false;
        }
    }

    /// <summary>Sends a JSON event to one client (<paramref name="sid"/>) or, when null, to all: ComfyUI's send_sync scoping.</summary>
    private async Task SendAsync(string? sid, string type, JsonObject data)
    {
        if (Chaos.StallEvents)
        {
            return;
        }

        if (sid is null)
        {
            foreach (var client in _sockets.Values)
            {
                await SendToAsync(client, type, (JsonObject)data.DeepClone());
            }
        }
        else if (_sockets.TryGetValue(sid, out var client))
        {
            await SendToAsync(client, type, data);
        }
    }

    /// <summary>executing and executed go only to the prompt's client, and nowhere when it has none (execution.py).</summary>
    private Task SendToClientAsync(string? sid, string type, JsonObject data) =>
        sid is null ? Task.CompletedTask : SendAsync(sid, type, data);

    private Task BroadcastStatusAsync() =>
        SendAsync(null, "status", new JsonObject { ["status"] = new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = QueueRemaining } } });

    private static Task SendToAsync(SocketClient client, string type, JsonObject data) =>
        SendFrameAsync(client, Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["data"] = data }.ToJsonString()), WebSocketMessageType.Text);

    /// <summary>A preview: type 4 with its metadata to clients that asked for it, type 1 (format 2 = PNG) to the rest.</summary>
    private async Task SendPreviewAsync(string? sid, string promptId, string node, byte[] png)
    {
        if (Chaos.StallEvents || sid is null || !_sockets.TryGetValue(sid, out var client))
        {
            return;
        }

        byte[] frame;
        if (client.SupportsPreviewMetadata)
        {
            var metadata = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["node_id"] = node,
                ["prompt_id"] = promptId,
                ["display_node_id"] = node,
                ["parent_node_id"] = null,
                ["real_node_id"] = node,
                ["image_type"] = "image/png",
            }.ToJsonString());
            frame = Header(4, (uint)metadata.Length, [.. metadata, .. png]);
        }
        else
        {
            frame = Header(1, 2, png);
        }

        await SendFrameAsync(client, frame, WebSocketMessageType.Binary);
    }

    /// <summary>A text frame (type 3): the node id, then UTF-8 text, as send_progress_text does.</summary>
    private async Task SendTextAsync(string? sid, string node, string text)
    {
        if (Chaos.StallEvents || sid is null || !_sockets.TryGetValue(sid, out var client))
        {
            return;
        }

        var id = Encoding.UTF8.GetBytes(node);
        await SendFrameAsync(client, Header(3, (uint)id.Length, [.. id, .. Encoding.UTF8.GetBytes(text)]), WebSocketMessageType.Binary);
    }

    private static byte[] Header(uint type, uint second, byte[] rest)
    {
        var frame = new byte[8 + rest.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, type);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), second);
        rest.CopyTo(frame, 8);
        return frame;
    }

    private static async Task SendFrameAsync(SocketClient client, byte[] frame, WebSocketMessageType type)
    {
        await client.SendLock.WaitAsync();
        try
        {
            if (client.Socket.State == WebSocketState.Open)
            {
                await client.Socket.SendAsync(frame, type, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The client went away; ComfyUI ignores failed sends too.
        }
        finally
        {
            client.SendLock.Release();
        }
    }

    private void AbortSockets()
    {
        foreach (var client in _sockets.Values)
        {
            client.Socket.Abort();
        }
    }
}
