using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// One <c>/ws?clientId=</c> connection. A reader loop turns frames into <see cref="ComfyUiMessage"/>s
/// on a channel, so the watcher can wait for "the next message or a stall timeout" without
/// cancelling a WebSocket receive (which would abort the socket). The channel completes when the
/// socket closes or drops; <see cref="CloseReason"/> says why.
/// </summary>
internal sealed class ComfyUiSocket : IAsyncDisposable
{
    private const int MaxMessageBytes = 64 << 20;
    private static readonly byte[] FeatureFlags = Encoding.UTF8.GetBytes("""{"type":"feature_flags","data":{"supports_preview_metadata":true}}""");
    private readonly ClientWebSocket _socket;
    private readonly Channel<ComfyUiMessage> _messages = Channel.CreateUnbounded<ComfyUiMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    private ComfyUiSocket(ClientWebSocket socket) => _socket = socket;

    public ChannelReader<ComfyUiMessage> Messages => _messages.Reader;

    public string? CloseReason { get; private set; }

    public static async Task<ComfyUiSocket> ConnectAsync(Uri address, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(address, cancellationToken);

            // Must be the first message: ComfyUI then sends previews with their node and prompt ids (type 4).
            await socket.SendAsync(FeatureFlags, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new ComfyUiSocket(socket);
        connection._reader = connection.ReadAsync(connection._stop.Token);
        return connection;
    }

    /// <summary>
    /// Waits for the server's greeting (the <c>status</c> message it sends once it has registered the
    /// socket). ComfyUI registers a socket only after the handshake, so a prompt submitted the moment
    /// the handshake completes could start before events for this client id have anywhere to go.
    /// Messages before the greeting cannot concern a prompt not yet submitted and are dropped.
    /// </summary>
    /// <returns>False when no greeting came in time; the run then goes on and relies on the /history fallback.</returns>
    public async Task<bool> WaitForGreetingAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (await _messages.Reader.WaitToReadAsync(wait.Token))
            {
                while (_messages.Reader.TryRead(out var message))
                {
                    if (message is ComfyUiEvent { Type: "status" })
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 << 10];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseReason = $"ComfyUI closed the WebSocket ({result.CloseStatus} {result.CloseStatusDescription})";
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                {
                    CloseReason = "ComfyUI sent a WebSocket message larger than 64 MiB";
                    break;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var bytes = message.ToArray();
                message.SetLength(0);
                _messages.Writer.TryWrite(result.MessageType == WebSocketMessageType.Text
                    ? ComfyUiFrames.ParseText(Encoding.UTF8.GetString(bytes))
                    : ComfyUiFrames.ParseBinary(bytes));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            CloseReason = "closed by Takt";
        }
        catch (WebSocketException e)
        {
            CloseReason = $"the WebSocket dropped: {e.Message}";
        }
        catch (IOException e)
        {
            CloseReason = $"the WebSocket dropped: {e.Message}";
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        finally
        {
            _socket.Abort();
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}
