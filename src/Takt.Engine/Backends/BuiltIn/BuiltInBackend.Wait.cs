using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    private static readonly TimeSpan WaitTick = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits in ticks on the backend's clock, so cancellation lands within one tick and progress keeps flowing.</summary>
    private async Task<IReadOnlyDictionary<string, PortValue>> WaitAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var seconds = node.Parameters.Number("seconds");
        var total = TimeSpan.FromSeconds(seconds);
        var started = _time.GetTimestamp();
        node.Context.Progress(0, seconds);
        while (true)
        {
            var elapsed = _time.GetElapsedTime(started);
            if (elapsed >= total)
            {
                break;
            }

            var left = total - elapsed;
            await Task.Delay(left < WaitTick ? left : WaitTick, _time, cancellationToken);
            node.Context.Progress(Math.Min(seconds, _time.GetElapsedTime(started).TotalSeconds), seconds);
        }

        // The clock can pass the end between the last report and the check above: end on the full amount.
        node.Context.Progress(seconds, seconds);
        return NodeRun.Outputs("seconds", InlineValues.Number(seconds));
    }
}
