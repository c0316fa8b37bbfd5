using CsCheck;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Engine.Tests.Runs;

/// <summary>
/// The run scheduler on random DAGs, with random outcomes reported for running nodes in random orders. Every step is
/// checked by <see cref="SchedulerDriver"/> against a brute-force model; these tests add the end-of-run properties.
/// </summary>
public sealed partial class RunSchedulerPropertyTests
{
    private const long Iterations = 400;

    private static readonly Gen<NodeStatus> AnyOutcome = Gen.Frequency(
        (8, NodeStatus.Succeeded), (2, NodeStatus.Cached), (2, NodeStatus.Failed), (1, NodeStatus.Cancelled), (2, NodeStatus.Paused));

    private static readonly Gen<NodeStatus> SuccessOutcome = Gen.Frequency((4, NodeStatus.Succeeded), (1, NodeStatus.Cached));

    /// <summary>Choices steer the driver (take ready nodes, or complete which running node); outcomes are used in turn.</summary>
    private static Gen<Scenario> Scenarios(Gen<NodeStatus> outcome) =>
        from plan in SchedulerPlans.Dags
        from choices in Gen.Int[0, 99].Array[0, 40]
        from outcomes in outcome.Array[0, 16]
        select new Scenario(plan, choices, outcomes);

    [Fact]
    public void Drive_RandomOutcomes_HandsOutReadyNodesOnceAndEndsConsistently()
    {
        Scenarios(AnyOutcome).Sample(s =>
        {
            var driver = new SchedulerDriver(s.Plan);
            driver.Drive(s.Choices, s.Outcomes);
            driver.CheckEnd();

            // Without a pause nothing is left waiting; a node that ran is exactly one that was handed out.
            if (!driver.Scheduler.Statuses.Values.Contains(NodeStatus.Paused))
            {
                Assert.True(driver.Scheduler.IsFinished);
            }

            Assert.Equal(driver.Taken.Order(StringComparer.Ordinal), driver.Completed.Select(c => c.Node).Order(StringComparer.Ordinal));
        }, iter: Iterations, print: s => s.ToString());
    }

    [Fact]
    public void Drive_AllSucceeding_CompletesEveryNodeInATopologicalOrder()
    {
        Scenarios(SuccessOutcome).Sample(s =>
        {
            var driver = new SchedulerDriver(s.Plan);
            driver.Drive(s.Choices, s.Outcomes);
            driver.CheckEnd();

            Assert.Equal(RunStatus.Succeeded, driver.Scheduler.Outcome());
            Assert.True(driver.Scheduler.IsFinished);
            var completed = driver.Completed.Select((c, i) => (c.Node, i)).ToDictionary(x => x.Node, x => x.i, StringComparer.Ordinal);
            Assert.Equal(s.Plan.Order.Count, completed.Count);
            Assert.All(s.Plan.Order, n => Assert.All(n.Dependencies, d => Assert.True(completed[d] < completed[n.Id], $"'{n.Id}' completed before its dependency '{d}'")));
        }, iter: Iterations, print: s => s.ToString());
    }

    [Fact]
    public void CancelPending_ThenCompletingRunningNodes_LeavesNothingPending()
    {
        var gen = from s in Scenarios(AnyOutcome)
                  from cancelAt in Gen.Int[0, 30]
                  select (s, cancelAt);
        gen.Sample((s, cancelAt) =>
        {
            var driver = new SchedulerDriver(s.Plan);
            driver.Drive(s.Choices, s.Outcomes, cancelAt);
            if (!driver.CancelCalled)
            {
                // The run ended before the cancel came: cancelling now must still change nothing but pending nodes.
                driver.CancelPending();
            }

            driver.CheckEnd();
            Assert.True(driver.Scheduler.IsFinished);
            Assert.DoesNotContain(NodeStatus.Pending, driver.Scheduler.Statuses.Values);
            Assert.Empty(driver.TakeReady());
            Assert.NotEqual(RunStatus.Running, driver.Scheduler.Outcome());
        }, iter: Iterations, print: x => $"{x.Item1} cancel at step {x.Item2}");
    }

    [Fact]
    public void Resume_FromACheckpointPrefix_RunsEachSucceededNodeOnceAfterItsLastNonSuccess()
    {
        var gen = from first in Scenarios(AnyOutcome)
                  from cut in Gen.Int[0, 1000]
                  from choices in Gen.Int[0, 99].Array[0, 40]
                  from outcomes in AnyOutcome.Array[0, 16]
                  select (first, cut, new Scenario(first.Plan, choices, outcomes));
        gen.Sample((first, cut, second) =>
        {
            var before = new SchedulerDriver(first.Plan);
            before.Drive(first.Choices, first.Outcomes);

            // The process stops after some prefix of the checkpoints; nodes it had running were lost.
            var prefix = before.Log.Take(before.Log.Count * cut / 1000).ToList();
            var known = new Dictionary<string, NodeStatus>(StringComparer.Ordinal);
            foreach (var e in prefix)
            {
                known[e.Node] = e.Status;
            }

            var after = new SchedulerDriver(first.Plan, known);
            after.Drive(second.Choices, second.Outcomes);
            after.CheckEnd();

            // Nodes the checkpoint had finished are never handed out again; running or paused ones may be.
            Assert.All(after.Taken, id =>
            {
                var was = known.GetValueOrDefault(id);
                Assert.False(NodeStatuses.IsFinal(was) && was != NodeStatus.Paused, $"'{id}' was {was} and ran again");
            });

            // Every attempt across both processes, in order: a completion, or lost with the process.
            var attempts = first.Plan.Order.ToDictionary(n => n.Id, _ => new List<NodeStatus>(), StringComparer.Ordinal);
            foreach (var e in prefix.Where(e => e.Ran))
            {
                if (e.Status == NodeStatus.Running)
                {
                    attempts[e.Node].Add(NodeStatus.Running);
                }
                else
                {
                    attempts[e.Node][^1] = e.Status;
                }
            }

            foreach (var (node, outcome) in after.Completed)
            {
                attempts[node].Add(outcome);
            }

            foreach (var (node, status) in after.Scheduler.Statuses.Where(s => NodeStatuses.IsDone(s.Value)))
            {
                var runs = attempts[node];
                Assert.True(runs.Count(NodeStatuses.IsDone) == 1 && NodeStatuses.IsDone(runs[^1]), $"'{node}' ended {status} after attempts {string.Join(", ", runs)}");
            }

            Assert.All(attempts, a => Assert.True(a.Value.Count(NodeStatuses.IsDone) <= 1, $"'{a.Key}' succeeded twice"));
        }, iter: Iterations, print: x => $"{x.Item1} cut at {x.Item2}/1000; then {string.Join(",", x.Item3.Choices)} / {string.Join(",", x.Item3.Outcomes)}");
    }

    [Fact]
    public void Complete_OnAnyNodeNotRunning_ThrowsAndChangesNothing()
    {
        Scenarios(AnyOutcome).Sample(s =>
        {
            var driver = new SchedulerDriver(s.Plan);
            foreach (var choice in Enumerable.Range(0, 35))
            {
                driver.TryIllegalComplete(choice);
            }

            driver.Drive(s.Choices, s.Outcomes);
            foreach (var choice in Enumerable.Range(0, 35))
            {
                driver.TryIllegalComplete(choice);
            }

            driver.CheckEnd();
        }, iter: Iterations / 4, print: s => s.ToString());
    }

    private sealed record Scenario(WorkflowPlan Plan, int[] Choices, NodeStatus[] Outcomes)
    {
        public override string ToString() =>
            $"plan [{SchedulerPlans.Describe(Plan)}] choices [{string.Join(",", Choices)}] outcomes [{string.Join(",", Outcomes)}]";
    }
}
