namespace Takt.Cli.Hosting;

/// <summary>Reports on the caller's thread: Progress&lt;T&gt; posts to the thread pool, so reports could arrive out of order.</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
