using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Engine.Tests.Runs;

/// <summary>Corner cases by example: diamonds, resumes, and plans large enough that anything quadratic would not finish.</summary>
public sealed partial class RunSchedulerPropertyTests
{
    private const int Large = 10_000;

    /// <summary>a feeds b and c, which both feed d.</summary>
    private static WorkflowPlan Diamond() =>
        SchedulerPlans.Direct([("a", []), ("b", ["a"]), ("c", ["a"]), ("d", ["b", "c"])]);

    [Fact]
    public void Diamond_OneBranchFails_SkipsTheJoinAndStillRunsTheOtherBranch()
    {
        var driver = new SchedulerDriver(Diamond());
        Assert.Equal(["a"], driver.TakeReady());
        Assert.Empty(driver.Complete("a", NodeStatus.Succeeded));
        Assert.Equal(["b", "c"], driver.TakeReady());
        Assert.Equal(["d"], driver.Complete("b", NodeStatus.Failed));
        Assert.Empty(driver.Complete("c", NodeStatus.Succeeded));
        Assert.Empty(driver.TakeReady());

        driver.CheckEnd();
        Assert.Equal(RunStatus.Failed, driver.Scheduler.Outcome());
        Assert.Equal(NodeStatus.Skipped, driver.Scheduler["d"]);
    }

    [Fact]
    public void Diamond_OneBranchPausesTheOtherFails_IsPausedThenFailsOnResume()
    {
        var driver = new SchedulerDriver(Diamond());
        driver.TakeReady();
        driver.Complete("a", NodeStatus.Succeeded);
        driver.TakeReady();
        Assert.Empty(driver.Complete("b", NodeStatus.Paused));
        Assert.Equal(NodeStatus.Pending, driver.Scheduler["d"]);
        Assert.Equal(["d"], driver.Complete("c", NodeStatus.Failed));
        driver.CheckEnd();
        Assert.Equal(RunStatus.Paused, driver.Scheduler.Outcome());

        // Resumed: only the paused node runs again; the failure stands.
        var resumed = new SchedulerDriver(Diamond(), driver.Scheduler.Statuses);
        Assert.Equal(["b"], resumed.TakeReady());
        resumed.Complete("b", NodeStatus.Succeeded);
        resumed.CheckEnd();
        Assert.Equal(RunStatus.Failed, resumed.Scheduler.Outcome());
    }

    [Fact]
    public void Resume_NodesThatWereRunningOrPaused_AreReadyAgain()
    {
        var known = new Dictionary<string, NodeStatus>(StringComparer.Ordinal)
        {
            ["a"] = NodeStatus.Cached,
            ["b"] = NodeStatus.Running,
            ["c"] = NodeStatus.Paused,
        };
        var driver = new SchedulerDriver(Diamond(), known);
        Assert.Equal(1, driver.Scheduler.Finished);
        Assert.Equal(["b", "c"], driver.TakeReady());
        driver.Complete("c", NodeStatus.Succeeded);
        driver.Complete("b", NodeStatus.Succeeded);
        Assert.Equal(["d"], driver.TakeReady());
        driver.Complete("d", NodeStatus.Succeeded);
        driver.CheckEnd();
        Assert.Equal(RunStatus.Succeeded, driver.Scheduler.Outcome());
    }

    [Fact]
    public void Resume_AfterAFailureWhoseSkipsWereNotCheckpointed_SkipsEachDependentOnceAndCountsItOnce()
    {
        // E.g. the process stopped between checkpointing a cancelled node and the cancels and skips it caused.
        var driver = new SchedulerDriver(Diamond(), new Dictionary<string, NodeStatus>(StringComparer.Ordinal) { ["a"] = NodeStatus.Cancelled });
        Assert.Equal(4, driver.Scheduler.Finished);
        Assert.True(driver.Scheduler.IsFinished);
        Assert.True(driver.Scheduler.IsStuck);
        Assert.Equal(RunStatus.Cancelled, driver.Scheduler.Outcome());
    }

    [Fact]
    public void Chain_OfTenThousandNodes_RunsThroughAndAFailureAtTheHeadSkipsTheRest()
    {
        var plan = SchedulerPlans.Direct(Enumerable.Range(0, Large).Select(i => (Id(i), i == 0 ? Array.Empty<string>() : [Id(i - 1)])));
        var scheduler = new RunScheduler(plan);
        var order = new List<string>();
        while (scheduler.TakeReady() is [var node])
        {
            Assert.Empty(scheduler.Complete(node.Id, NodeStatus.Succeeded));
            order.Add(node.Id);
        }

        Assert.Equal(plan.Order.Select(n => n.Id), order);
        Assert.Equal((Large, 0, RunStatus.Succeeded), (scheduler.Finished, scheduler.Running, scheduler.Outcome()));

        var failing = new RunScheduler(plan);
        var head = Assert.Single(failing.TakeReady());
        Assert.Equal(Large - 1, failing.Complete(head.Id, NodeStatus.Failed).Count);
        Assert.True(failing.IsFinished && failing.IsStuck);
        Assert.Equal(RunStatus.Failed, failing.Outcome());

        // Resumed halfway: the done half is kept and the rest runs in order.
        var half = plan.Order.Take(Large / 2).ToDictionary(n => n.Id, _ => NodeStatus.Succeeded, StringComparer.Ordinal);
        var resumed = new RunScheduler(plan, half);
        Assert.Equal(Large / 2, resumed.Finished);
        Assert.Equal(Id(Large / 2), Assert.Single(resumed.TakeReady()).Id);
    }

    [Fact]
    public void FanOut_OfTenThousandNodes_HandsThemOutTogetherInIdOrder()
    {
        var leaves = Enumerable.Range(0, Large).Select(Id).ToArray();
        var plan = SchedulerPlans.Direct([("root", []), .. leaves.Select(l => (l, new[] { "root" })), ("sink", leaves)]);
        var scheduler = new RunScheduler(plan);
        Assert.Equal("root", Assert.Single(scheduler.TakeReady()).Id);
        scheduler.Complete("root", NodeStatus.Succeeded);
        var batch = scheduler.TakeReady();
        Assert.Equal(leaves, batch.Select(n => n.Id));
        Assert.Equal(Large, scheduler.Running);
        foreach (var leaf in leaves.Reverse())
        {
            Assert.Empty(scheduler.TakeReady());
            scheduler.Complete(leaf, NodeStatus.Cached);
        }

        Assert.Equal("sink", Assert.Single(scheduler.TakeReady()).Id);
        scheduler.Complete("sink", NodeStatus.Succeeded);
        Assert.Equal((Large + 2, RunStatus.Succeeded), (scheduler.Finished, scheduler.Outcome()));

        var failing = new RunScheduler(plan);
        failing.TakeReady();
        Assert.Equal(Large + 1, failing.Complete("root", NodeStatus.Failed).Count);
        Assert.Equal(RunStatus.Failed, failing.Outcome());
    }

    [Fact]
    public void FanOut_OfTenThousandNodes_CancelledWhileRunning_DrainsAsTheExecutorDrivesIt()
    {
        var leaves = Enumerable.Range(0, Large).Select(Id).ToArray();
        var plan = SchedulerPlans.Direct([("root", []), .. leaves.Select(l => (l, new[] { "root" })), ("sink", leaves)]);
        var scheduler = new RunScheduler(plan);
        scheduler.TakeReady();
        scheduler.Complete("root", NodeStatus.Succeeded);
        Assert.Equal(Large, scheduler.TakeReady().Count);

        // Once cancelled, the executor cancels pending nodes on every turn while the running ones end one by one.
        foreach (var leaf in leaves)
        {
            scheduler.CancelPending();
            Assert.Empty(scheduler.Complete(leaf, NodeStatus.Cancelled));
        }

        scheduler.CancelPending();
        Assert.Equal(NodeStatus.Cancelled, scheduler["sink"]);
        Assert.Equal((Large + 2, 0, RunStatus.Cancelled), (scheduler.Finished, scheduler.Running, scheduler.Outcome()));
        Assert.True(scheduler.IsStuck && scheduler.IsFinished);
    }

    private static string Id(int i) => $"n{i:D5}";
}
