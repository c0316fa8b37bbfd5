using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Takt.Engine.Runs;

/// <summary>
/// The live event stream of runs in this process: the CLI's progress display and (later) the
/// server's hubs subscribe. Slow subscribers drop progress ticks rather than slow the engine.
/// </summary>
public sealed class RunEvents
{
    private readonly ConcurrentDictionary<Guid, Channel<RunEvent>> _subscribers = new();

    public void Publish(RunEvent e)
    {
        foreach (var channel in _subscribers.Values)
        {
            channel.Writer.TryWrite(e);
        }
    }

    /// <summary>Subscribes until the token is cancelled.</summary>
    public ChannelReader<RunEvent> Subscribe(CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers[id] = channel;
        cancellationToken.Register(() =>
        {
            if (_subscribers.TryRemove(id, out var removed))
            {
                removed.Writer.TryComplete();
            }
        });
        return channel.Reader;
    }
}
