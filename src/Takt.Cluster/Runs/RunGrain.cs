using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Takt.Cluster.Hosting;
using Takt.Engine.Runs;

namespace Takt.Cluster.Runs;

/// <summary>
/// A thin adapter from a grain to <see cref="IRunDriver"/>. The drive runs in a grain timer
/// (KeepAlive, interleaving), never inside a grain call, so the 30 s call timeout never applies
/// and Status/Cancel calls are answered while a run drives. Prefer-local placement: a run starts
/// on the silo that accepted it, and a watchdog reactivates it on whichever silo fires.
/// </summary>
[PreferLocalPlacement]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds no handle unless AvailableWaitHandle is read; a drive may still be finishing when the grain deactivates.")]
internal sealed partial class RunGrain(
    [PersistentState("run", TaktOrleans.StorageName)] IPersistentState<RunGrainState> state,
    IRunDriver driver,
    IOptions<RunGrainOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IRemindable
{
    private const string WatchdogName = "takt-run-watchdog";

    // Interleaved turns (a call while the drive awaits) must not write the state concurrently: the etag would conflict.
    private readonly SemaphoreSlim _writes = new(1, 1);
    private IGrainTimer? _timer;
    private CancellationTokenSource? _driving;
    private bool _deactivating;

    private Guid RunId => this.GetPrimaryKey();

    private bool Finished => state.State.CancelRequested || state.State.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    public async Task<RunSnapshot> StartAsync(CancellationToken cancellationToken)
    {
        if (Finished)
        {
            return Snapshot();
        }

        if (!state.State.Owned)
        {
            state.State.Owned = true;
            await SaveAsync(cancellationToken);
        }

        await EnsureWatchdogAsync();
        BeginDriving(TimeSpan.Zero);
        return Snapshot();
    }

    public Task<RunSnapshot> StatusAsync(CancellationToken cancellationToken) => Task.FromResult(Snapshot());

    public async Task<RunSnapshot> CancelAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status is RunStatus.Succeeded or RunStatus.Failed)
        {
            return Snapshot();
        }

        state.State.CancelRequested = true;
        await SaveAsync(cancellationToken);
        await driver.CancelAsync(RunId, cancellationToken);
        if (_driving is { } driving)
        {
            await driving.CancelAsync();
        }

        state.State.Status = RunStatus.Cancelled;
        state.State.Owned = false;
        await SaveAsync(cancellationToken);
        await RemoveWatchdogAsync();
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!string.Equals(reminderName, WatchdogName, StringComparison.Ordinal))
        {
            return;
        }

        if (Finished || !state.State.Owned)
        {
            await RemoveWatchdogAsync();
            return;
        }

        // The silo that drove this run may have died: drive it here (a no-op when it is already driving here).
        BeginDriving(TimeSpan.Zero);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The silo is stopping (or the grain migrates): stop driving; ownership stays, so the watchdog or the startup scan resumes the run.
        _deactivating = true;
        _driving?.Cancel();
        return Task.CompletedTask;
    }

    private RunSnapshot Snapshot() =>
        new(RunId, state.State.Owned, state.State.Status, _driving is not null, state.State.Drives, state.State.LastError);

    private void BeginDriving(TimeSpan due)
    {
        if (_timer is not null || _deactivating || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        _timer = this.RegisterGrainTimer(DriveAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
    }

    private async Task DriveAsync(CancellationToken timerToken)
    {
        // A stopping silo lets running timer callbacks finish before it deactivates grains, so the drive
        // watches the host's stopping token itself: a silo shutting down stops driving at once and leaves
        // the run owned, for the watchdog or the next startup scan.
        using var driving = CancellationTokenSource.CreateLinkedTokenSource(timerToken, lifetime.ApplicationStopping);
        _driving = driving;
        var retry = false;
        try
        {
            state.State.Drives++;
            await SaveAsync(driving.Token);
            LogDriving(RunId, state.State.Drives);

            // Off the grain's scheduler: the engine's work must not hold the activation's turn.
            var status = await Task.Run(() => driver.DriveAsync(RunId, driving.Token), driving.Token);
            if (!state.State.CancelRequested)
            {
                state.State.Status = status;
                state.State.LastError = null;
                // Paused waits for an explicit StartAsync; a driver that returns while still running is driven again.
                retry = status is RunStatus.Queued or RunStatus.Running;
                state.State.Owned = retry;
                await SaveAsync(CancellationToken.None);
                if (!retry)
                {
                    await RemoveWatchdogAsync();
                }
            }
        }
        catch (OperationCanceledException) when (driving.IsCancellationRequested)
        {
            // Cancelled by CancelAsync (which recorded it) or by deactivation (ownership stays for the resume).
        }
        catch (Exception e) when (!_deactivating)
        {
            LogDriveFailed(e, RunId);
            state.State.LastError = e.Message;
            await SaveAsync(CancellationToken.None);
            retry = !Finished;
        }
        finally
        {
            _driving = null;
            _timer?.Dispose();
            _timer = null;
        }

        if (retry)
        {
            BeginDriving(options.Value.RetryDelay);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task EnsureWatchdogAsync()
    {
        if (options.Value.WatchdogPeriod is { } period)
        {
            // Idempotent: re-registering an existing reminder only updates its period.
            await this.RegisterOrUpdateReminder(WatchdogName, period, period);
        }
    }

    private async Task RemoveWatchdogAsync()
    {
        if (options.Value.WatchdogPeriod is null)
        {
            return;
        }

        if (await this.GetReminder(WatchdogName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Driving run {RunId} (drive {Drive})")]
    private partial void LogDriving(Guid runId, int drive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Driving run {RunId} failed; it will be driven again")]
    private partial void LogDriveFailed(Exception exception, Guid runId);
}
