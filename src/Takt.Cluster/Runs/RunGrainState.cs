using Takt.Engine.Runs;

namespace Takt.Cluster.Runs;

/// <summary>
/// The run grain's persisted state. It holds ownership only; the run's own progress (nodes,
/// checkpoints) lives where the driver keeps it, so a grain reactivated elsewhere just drives again.
/// </summary>
[GenerateSerializer]
public sealed class RunGrainState
{
    [Id(0)] public bool Owned { get; set; }

    /// <summary>The status of the last drive that returned; null while none has.</summary>
    [Id(1)] public RunStatus? Status { get; set; }

    [Id(2)] public bool CancelRequested { get; set; }

    /// <summary>How many drives this grain began, across activations (a resume after a crash counts one more).</summary>
    [Id(3)] public int Drives { get; set; }

    [Id(4)] public string? LastError { get; set; }
}
