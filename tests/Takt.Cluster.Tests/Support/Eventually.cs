namespace Takt.Cluster.Tests.Support;

/// <summary>Polls a condition until it holds; the limit is a hang guard, not a timing assertion.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string what, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(limit);
        var last = default(T);
        try
        {
            while (true)
            {
                last = await probe(guard.Token);
                if (done(last))
                {
                    return last;
                }

                await Task.Delay(100, guard.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"hang guard: {what} did not happen within {limit.TotalSeconds:0} s (last seen: {last})");
            throw;
        }
    }
}
