using Takt.Domain.Workflows;

namespace Takt.Engine.Runs;

/// <summary>
/// The scheduling logic of one run, plain and synchronous so it is tested without any host:
/// which nodes are ready, what a finished node unblocks, what a failure skips, and how the run
/// ends. The executor (and through it the Orleans run grain) only moves nodes through it.
/// </summary>
public sealed class RunScheduler
{
    private readonly WorkflowPlan _plan;
    private readonly Dictionary<string, NodeStatus> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _blockers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _dependents = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _ready = new(StringComparer.Ordinal);
    private int _final;

    /// <param name="known">Statuses from a checkpoint: done nodes keep their outputs; anything else not final starts again.</param>
    public RunScheduler(WorkflowPlan plan, IReadOnlyDictionary<string, NodeStatus>? known = null)
    {
        _plan = plan;
        foreach (var node in plan.Order)
        {
            var status = known?.GetValueOrDefault(node.Id) ?? NodeStatus.Pending;
            // A node that was running (or paused) when its process stopped runs again.
            _status[node.Id] = status is NodeStatus.Running or NodeStatus.Paused ? NodeStatus.Pending : status;
            foreach (var dependency in node.Dependencies)
            {
                (_dependents.TryGetValue(dependency, out var list) ? list : _dependents[dependency] = []).Add(node.Id);
            }
        }

        foreach (var node in plan.Order)
        {
            if (NodeStatuses.IsFinal(_status[node.Id]))
            {
                _final++;
                continue;
            }

            if (node.Dependencies.Any(d => _status[d] is NodeStatus.Failed or NodeStatus.Cancelled or NodeStatus.Skipped))
            {
                // Not Skip(): it would mark later dependents too, and this loop, reaching them in plan
                // order, would count them as final a second time. Each sees this node skipped in its turn.
                _status[node.Id] = NodeStatus.Skipped;
                _final++;
                continue;
            }

            var blocked = node.Dependencies.Count(d => !NodeStatuses.IsDone(_status[d]));
            _blockers[node.Id] = blocked;
            if (blocked == 0)
            {
                _ready.Add(node.Id);
            }
        }
    }

    public int Total => _plan.Order.Count;

    public int Finished => _final;

    public bool IsFinished => _final == _plan.Order.Count;

    public int Running { get; private set; }

    public NodeStatus this[string node] => _status[node];

    public IReadOnlyDictionary<string, NodeStatus> Statuses => _status;

    /// <summary>The ready nodes, in id order, now marked running.</summary>
    public IReadOnlyList<PlannedNode> TakeReady()
    {
        if (_ready.Count == 0)
        {
            return [];
        }

        var taken = new List<PlannedNode>(_ready.Count);
        foreach (var id in _ready)
        {
            _status[id] = NodeStatus.Running;
            taken.Add(_plan[id]);
        }

        Running += _ready.Count;
        _ready.Clear();
        return taken;
    }

    /// <summary>Records how a running node ended; returns the nodes skipped because of it.</summary>
    public IReadOnlyList<string> Complete(string node, NodeStatus outcome)
    {
        if (!_status.TryGetValue(node, out var status))
        {
            throw new InvalidOperationException($"node '{node}' is not in this run");
        }

        if (status != NodeStatus.Running || !NodeStatuses.IsFinal(outcome) || outcome == NodeStatus.Skipped)
        {
            throw new InvalidOperationException($"node '{node}' is {status}; it cannot end as {outcome}");
        }

        Running--;
        _status[node] = outcome;
        _final++;
        var skipped = new List<string>();
        foreach (var dependent in _dependents.GetValueOrDefault(node) ?? [])
        {
            if (_status[dependent] != NodeStatus.Pending)
            {
                continue;
            }

            if (NodeStatuses.IsDone(outcome))
            {
                if (--_blockers[dependent] == 0)
                {
                    _ready.Add(dependent);
                }
            }
            else if (outcome != NodeStatus.Paused)
            {
                skipped.AddRange(Skip(dependent));
            }
        }

        return skipped;
    }

    /// <summary>Stops the run: every pending node becomes cancelled (running ones end through <see cref="Complete"/>).</summary>
    public void CancelPending()
    {
        // The executor calls this on every turn of its loop once cancelled, while running nodes drain one batch at
        // a time; without this check a cancelled wide run would scan every status per batch (quadratic).
        if (_final + Running == _plan.Order.Count)
        {
            _ready.Clear();
            return;
        }

        foreach (var id in _status.Where(s => s.Value == NodeStatus.Pending).Select(s => s.Key).ToList())
        {
            _status[id] = NodeStatus.Cancelled;
            _final++;
        }

        _ready.Clear();
    }

    /// <summary>How the run ends once every node is final (or nothing more can start).</summary>
    public RunStatus Outcome()
    {
        var statuses = _status.Values;
        if (statuses.Any(s => s == NodeStatus.Paused))
        {
            return RunStatus.Paused;
        }

        if (statuses.Any(s => s == NodeStatus.Failed))
        {
            return RunStatus.Failed;
        }

        if (statuses.Any(s => s is NodeStatus.Cancelled or NodeStatus.Skipped))
        {
            return RunStatus.Cancelled;
        }

        return statuses.All(NodeStatuses.IsDone) ? RunStatus.Succeeded : RunStatus.Running;
    }

    /// <summary>Whether nothing is running and nothing can start: the run is as far as it can go.</summary>
    public bool IsStuck => Running == 0 && _ready.Count == 0;

    private List<string> Skip(string node)
    {
        var skipped = new List<string>();
        var stack = new Stack<string>([node]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (_status[id] != NodeStatus.Pending)
            {
                continue;
            }

            _status[id] = NodeStatus.Skipped;
            _final++;
            _ready.Remove(id);
            skipped.Add(id);
            foreach (var dependent in _dependents.GetValueOrDefault(id) ?? [])
            {
                stack.Push(dependent);
            }
        }

        return skipped;
    }
}
