using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Engine.Tests.Runs;

/// <summary>
/// Moves a <see cref="RunScheduler"/> the way the executor does (take the ready nodes, complete running ones in any
/// order, maybe cancel) and checks every step against a brute-force model of the plan: which nodes were ready, what a
/// failure skips, and that the counters agree with the statuses.
/// </summary>
internal sealed class SchedulerDriver
{
    /// <summary>Final outcomes a backend can report for a node.</summary>
    public static readonly NodeStatus[] Outcomes = [NodeStatus.Succeeded, NodeStatus.Cached, NodeStatus.Failed, NodeStatus.Cancelled, NodeStatus.Paused];

    private readonly WorkflowPlan _plan;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public SchedulerDriver(WorkflowPlan plan, IReadOnlyDictionary<string, NodeStatus>? known = null)
    {
        _plan = plan;
        Start = ExpectedStart(plan, known);
        Scheduler = new RunScheduler(plan, known);
        Assert.Equal(Start.OrderBy(s => s.Key, StringComparer.Ordinal), Scheduler.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal));
        CheckCounters();
    }

    public RunScheduler Scheduler { get; }

    /// <summary>The statuses a scheduler built from the checkpoint must start with, by brute force.</summary>
    public IReadOnlyDictionary<string, NodeStatus> Start { get; }

    /// <summary>Nodes handed out by <see cref="RunScheduler.TakeReady"/>, in order.</summary>
    public List<string> Taken { get; } = [];

    /// <summary>Completions, in order.</summary>
    public List<(string Node, NodeStatus Outcome)> Completed { get; } = [];

    /// <summary>Handed out and not yet completed.</summary>
    public List<string> Running { get; } = [];

    public HashSet<string> CancelledPending { get; } = new(StringComparer.Ordinal);

    /// <summary>What a checkpoint store would have seen, in order; a prefix of it is the state after a crash.</summary>
    public List<SchedulerEvent> Log { get; } = [];

    public bool CancelCalled { get; private set; }

    /// <summary>
    /// Runs until nothing runs and nothing can start. Each choice either takes the ready nodes or completes one running
    /// node (with the next outcome; success once they run out); every seventh also tries an illegal completion.
    /// </summary>
    public void Drive(IReadOnlyList<int> choices, IReadOnlyList<NodeStatus> outcomes, int? cancelAt = null)
    {
        var (c, o) = (0, 0);
        for (var step = 0; ; step++)
        {
            if (step == cancelAt)
            {
                CancelPending();
            }

            var choice = c < choices.Count ? choices[c++] : 99;
            if (choice % 7 == 0)
            {
                TryIllegalComplete(choice);
            }

            if (Running.Count == 0 || choice < 30)
            {
                if (TakeReady().Count == 0 && Running.Count == 0)
                {
                    return;
                }

                continue;
            }

            Complete(Running[choice % Running.Count], o < outcomes.Count ? outcomes[o++] : NodeStatus.Succeeded);
        }
    }

    public IReadOnlyList<string> TakeReady()
    {
        var before = Snapshot();
        var ready = _plan.Order.Where(n => before[n.Id] == NodeStatus.Pending && n.Dependencies.All(d => NodeStatuses.IsDone(before[d]))).Select(n => n.Id).ToList();
        Assert.Equal(Running.Count == 0 && ready.Count == 0, Scheduler.IsStuck);
        var taken = Scheduler.TakeReady().Select(n => n.Id).ToList();

        // Exactly the nodes whose dependencies are all done, each for the first time, in id order.
        Assert.Equal(ready.Order(StringComparer.Ordinal), taken);
        Assert.All(taken, id => Assert.True(_taken.Add(id), $"'{id}' handed out twice"));
        AssertChanged(before, taken.ToDictionary(id => id, _ => NodeStatus.Running, StringComparer.Ordinal));
        Taken.AddRange(taken);
        Running.AddRange(taken);
        Log.AddRange(taken.Select(id => new SchedulerEvent(id, NodeStatus.Running, Ran: true)));
        CheckCounters();
        return taken;
    }

    public IReadOnlyList<string> Complete(string node, NodeStatus outcome)
    {
        var before = Snapshot();
        var skipped = Scheduler.Complete(node, outcome);

        // A failure or cancellation skips every pending node that depends on it, however indirectly; nothing else changes.
        var expected = outcome is NodeStatus.Failed or NodeStatus.Cancelled
            ? SchedulerPlans.Descendants(_plan, node).Where(d => before[d] == NodeStatus.Pending).ToList()
            : [];
        Assert.Equal(expected.Order(StringComparer.Ordinal), skipped.Order(StringComparer.Ordinal));
        var changes = skipped.ToDictionary(id => id, _ => NodeStatus.Skipped, StringComparer.Ordinal);
        changes[node] = outcome;
        AssertChanged(before, changes);
        Running.Remove(node);
        Completed.Add((node, outcome));
        Log.Add(new SchedulerEvent(node, outcome, Ran: true));
        Log.AddRange(skipped.Select(id => new SchedulerEvent(id, NodeStatus.Skipped, Ran: false)));
        CheckCounters();
        return skipped;
    }

    public void CancelPending()
    {
        var before = Snapshot();
        Scheduler.CancelPending();
        var cancelled = before.Where(s => s.Value == NodeStatus.Pending).Select(s => s.Key).ToList();
        AssertChanged(before, cancelled.ToDictionary(id => id, _ => NodeStatus.Cancelled, StringComparer.Ordinal));
        CancelCalled = true;
        CancelledPending.UnionWith(cancelled);
        Log.AddRange(cancelled.Select(id => new SchedulerEvent(id, NodeStatus.Cancelled, Ran: false)));
        CheckCounters();
    }

    /// <summary>Completing a node that is not running, or with a status that is not an outcome, throws and changes nothing.</summary>
    public void TryIllegalComplete(int choice)
    {
        var before = Snapshot();
        var (finished, running) = (Scheduler.Finished, Scheduler.Running);
        var idle = _plan.Order.Where(n => before[n.Id] != NodeStatus.Running).ToList();
        if (idle.Count > 0)
        {
            var node = idle[choice % idle.Count].Id;
            Assert.Throws<InvalidOperationException>(() => Scheduler.Complete(node, Outcomes[choice % Outcomes.Length]));
        }

        if (Running.Count > 0)
        {
            NodeStatus[] notOutcomes = [NodeStatus.Pending, NodeStatus.Running, NodeStatus.Skipped];
            Assert.Throws<InvalidOperationException>(() => Scheduler.Complete(Running[choice % Running.Count], notOutcomes[choice % notOutcomes.Length]));
        }

        Assert.Throws<InvalidOperationException>(() => Scheduler.Complete("no such node", NodeStatus.Succeeded));
        AssertChanged(before, new Dictionary<string, NodeStatus>(StringComparer.Ordinal));
        Assert.Equal((finished, running), (Scheduler.Finished, Scheduler.Running));
    }

    /// <summary>Checks the state once nothing runs and nothing can start.</summary>
    public void CheckEnd()
    {
        Assert.True(Scheduler.IsStuck);
        Assert.Empty(Running);
        var status = Snapshot();
        foreach (var node in _plan.Order.Select(n => n.Id))
        {
            var ancestors = SchedulerPlans.Ancestors(_plan, node);
            var brokenAncestor = ancestors.Any(a => status[a] is NodeStatus.Failed or NodeStatus.Cancelled);
            if (status[node] == NodeStatus.Pending)
            {
                // Left pending only behind a paused node, and never after a cancel.
                Assert.False(CancelCalled, $"'{node}' still pending after a cancel");
                Assert.Contains(ancestors, a => status[a] == NodeStatus.Paused);
                Assert.False(brokenAncestor, $"'{node}' pending below a failed or cancelled node");
            }

            if (NodeStatuses.IsFinal(Start[node]))
            {
                Assert.Equal(Start[node], status[node]);
            }
            else if (!_taken.Contains(node) && !CancelledPending.Contains(node))
            {
                Assert.True(brokenAncestor == (status[node] == NodeStatus.Skipped), $"'{node}' is {status[node]}; a failed or cancelled ancestor: {brokenAncestor}");
            }
        }

        Assert.Equal(ExpectedOutcome(status.Values), Scheduler.Outcome());
        Assert.Equal(status.Values.All(NodeStatuses.IsFinal), Scheduler.IsFinished);
    }

    public static RunStatus ExpectedOutcome(IEnumerable<NodeStatus> statuses)
    {
        var all = statuses.ToList();
        return all.All(NodeStatuses.IsDone) ? RunStatus.Succeeded
            : all.Contains(NodeStatus.Paused) ? RunStatus.Paused
            : all.Contains(NodeStatus.Failed) ? RunStatus.Failed
            : RunStatus.Cancelled;
    }

    /// <summary>Checkpointed statuses as a resumed scheduler must see them: running or paused nodes start again, and whatever depends on a failed, cancelled or skipped node is skipped.</summary>
    private static Dictionary<string, NodeStatus> ExpectedStart(WorkflowPlan plan, IReadOnlyDictionary<string, NodeStatus>? known)
    {
        var start = new Dictionary<string, NodeStatus>(StringComparer.Ordinal);
        foreach (var node in plan.Order)
        {
            var status = known?.GetValueOrDefault(node.Id) ?? NodeStatus.Pending;
            start[node.Id] = status is NodeStatus.Running or NodeStatus.Paused ? NodeStatus.Pending : status;
        }

        foreach (var node in plan.Order.Where(n => start[n.Id] == NodeStatus.Pending))
        {
            if (SchedulerPlans.Ancestors(plan, node.Id).Any(a => start[a] is NodeStatus.Failed or NodeStatus.Cancelled or NodeStatus.Skipped))
            {
                start[node.Id] = NodeStatus.Skipped;
            }
        }

        return start;
    }

    private Dictionary<string, NodeStatus> Snapshot() => new(Scheduler.Statuses, StringComparer.Ordinal);

    private void AssertChanged(Dictionary<string, NodeStatus> before, Dictionary<string, NodeStatus> changes)
    {
        var expected = new Dictionary<string, NodeStatus>(before, StringComparer.Ordinal);
        foreach (var (id, status) in changes)
        {
            expected[id] = status;
        }

        Assert.Equal(expected.OrderBy(s => s.Key, StringComparer.Ordinal), Scheduler.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    /// <summary>Finished counts final nodes, Running counts nodes handed out and not completed, and both agree with the statuses.</summary>
    private void CheckCounters()
    {
        var statuses = Scheduler.Statuses;
        Assert.Equal(_plan.Order.Count, Scheduler.Total);
        Assert.Equal(_plan.Order.Count, statuses.Count);
        Assert.All(_plan.Order, n => Assert.Equal(statuses[n.Id], Scheduler[n.Id]));
        Assert.Equal(statuses.Values.Count(NodeStatuses.IsFinal), Scheduler.Finished);
        Assert.Equal(Scheduler.Finished == Scheduler.Total, Scheduler.IsFinished);
        Assert.Equal(Taken.Count - Completed.Count, Scheduler.Running);
        Assert.Equal(Running.Count, Scheduler.Running);
        Assert.Equal(statuses.Values.Count(s => s == NodeStatus.Running), Scheduler.Running);
    }
}
