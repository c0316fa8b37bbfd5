using Takt.Domain.Lineage;
using Takt.Engine.Runs;
using Takt.TestKit.Databases;

namespace Takt.Engine.Tests.Runs;

/// <summary>The executor against a real database: parallel DAGs, the result cache, failures, retries, cancel and resume.</summary>
public abstract class RunExecutorContract
{
    // n1 → a(+1) ─┐
    //  n2 ───────┴→ sum → text
    //  n1 → other (independent branch)
    private const string Diamond = """
        {"name": "diamond", "nodes": {
          "n1": {"type": "test.number", "params": {"value": 2}},
          "n2": {"type": "test.number", "params": {"value": 5}},
          "a": {"type": "test.add", "params": {"plus": 1}, "inputs": {"a": "n1.value"}},
          "sum": {"type": "test.add", "inputs": {"a": "a.sum", "b": "n2.value"}},
          "text": {"type": "test.text", "inputs": {"value": "sum.sum"}},
          "other": {"type": "test.add", "params": {"plus": 10}, "inputs": {"a": "n1.value"}}
        }}
        """;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Diamond_RunsEveryNode_OutputsFlow_AndEachRunIsAGenerationWithItsInputsAsParents()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var run = await world.SubmitAsync(Diamond, Ct);

        var status = await world.Executor().DriveAsync(run, Ct);

        Assert.Equal(RunStatus.Succeeded, status);
        var detail = (await world.Store.ShowAsync(run, Ct))!;
        Assert.All(detail.Nodes, n => Assert.Equal(NodeStatus.Succeeded, n.Status));
        Assert.Equal(8.0, Value(detail, "sum"));
        Assert.Equal(12.0, Value(detail, "other"));
        var file = detail.Nodes.Single(n => n.NodeId == "text").Outputs!["file"];
        await using (var stream = await world.Blobs.OpenReadAsync(Archive.Blobs.BlobHash.Parse(file.BlobHash!), Ct))
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("n=8", await reader.ReadToEndAsync(Ct));
        }

        var index = await world.Lineage.IndexAsync(Ct);
        Assert.True(index.TryFind(new LineageNodeId(RunExecutor.GenerationId(run, "sum")), out var sum));
        Assert.Equal(LineageNodeKind.Generation, index.KindOf(sum));
        var parents = index.ParentsOf(sum).ToArray().Select(p => index.IdOf(p).Value).Order().ToList();
        Assert.Equal(new[] { RunExecutor.GenerationId(run, "a"), RunExecutor.GenerationId(run, "n2") }.Order().ToList(), parents);
        Assert.Equal(6, detail.Nodes.Count(n => n.LineageNode is not null));
    }

    [Fact]
    public async Task ManyRunsAtOnce_AllSucceed_AndShareOneToolNodeForInputlessNodes()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var runs = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            runs.Add(await world.SubmitAsync(Diamond.Replace("\"value\": 2", $"\"value\": {100 + i}", StringComparison.Ordinal), Ct));
        }

        // Separate executors, as separate processes would be: each records the tool's node if it is missing.
        var statuses = await Task.WhenAll(runs.Select(run => world.Executor().DriveAsync(run, Ct)));

        Assert.All(statuses, s => Assert.Equal(RunStatus.Succeeded, s));
        await using var db = world.Database.Contexts.Create();
        Assert.Equal(1, db.LineageNodes.Count(n => n.Kind == "model" && n.Reference == "tool:scripted 1"));
    }

    [Fact]
    public async Task SameWorkflowAgain_EveryNodeCached_NothingExecutes_NoNewLineage()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        await world.Executor().DriveAsync(await world.SubmitAsync(Diamond, Ct), Ct);
        var executed = world.Backend.TotalExecutions;
        var nodes = (await world.Lineage.IndexAsync(Ct)).NodeCount;

        var again = await world.SubmitAsync(Diamond, Ct);
        var status = await world.Executor().DriveAsync(again, Ct);

        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(executed, world.Backend.TotalExecutions);
        Assert.All((await world.Store.ShowAsync(again, Ct))!.Nodes, n => Assert.Equal(NodeStatus.Cached, n.Status));
        Assert.Equal(nodes, (await world.Lineage.IndexAsync(Ct)).NodeCount);
    }

    [Fact]
    public async Task NodeThatIsNotCacheable_RunsEveryTime_ButUnchangedResultsDownstreamAreStillReused()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        const string Workflow = """{"name": "f", "nodes": {"load": {"type": "test.fresh", "params": {"value": 4}}, "after": {"type": "test.add", "inputs": {"a": "load.value"}}}}""";
        await world.Executor().DriveAsync(await world.SubmitAsync(Workflow, Ct), Ct);

        var again = await world.SubmitAsync(Workflow, Ct);
        await world.Executor().DriveAsync(again, Ct);

        Assert.Equal(2, world.Backend.Executions("load"));
        Assert.Equal(1, world.Backend.Executions("after"));
        var detail = (await world.Store.ShowAsync(again, Ct))!;
        Assert.Equal(NodeStatus.Succeeded, Node(detail, "load").Status);
        Assert.Equal(NodeStatus.Cached, Node(detail, "after").Status);
    }

    [Fact]
    public async Task ChangedParameter_RerunsOnlyThatNodeAndWhatDependsOnIt()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        await world.Executor().DriveAsync(await world.SubmitAsync(Diamond, Ct), Ct);

        var changed = await world.SubmitAsync(Diamond.Replace("\"value\": 5", "\"value\": 6", StringComparison.Ordinal), Ct);
        await world.Executor().DriveAsync(changed, Ct);

        var detail = (await world.Store.ShowAsync(changed, Ct))!;
        var ran = detail.Nodes.Where(n => n.Status == NodeStatus.Succeeded).Select(n => n.NodeId).Order(StringComparer.Ordinal);
        Assert.Equal(["n2", "sum", "text"], ran);
        Assert.Equal(9.0, Value(detail, "sum"));
    }

    [Fact]
    public async Task PermanentFailure_FailsTheNodeWithTheBackendsMessage_SkipsDependents_FinishesTheRest()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var run = await world.SubmitAsync("""
            {"name": "f", "nodes": {
              "n": {"type": "test.number", "params": {"value": 1}},
              "bad": {"type": "test.fail", "params": {"message": "CUDA out of memory"}, "inputs": {"value": "n.value"}},
              "after": {"type": "test.add", "inputs": {"a": "bad.value"}},
              "fine": {"type": "test.add", "inputs": {"a": "n.value"}}
            }}
            """, Ct);

        var status = await world.Executor().DriveAsync(run, Ct);

        Assert.Equal(RunStatus.Failed, status);
        var detail = (await world.Store.ShowAsync(run, Ct))!;
        Assert.Contains("CUDA out of memory", detail.Run.Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Failed, Node(detail, "bad").Status);
        Assert.Equal(NodeStatus.Skipped, Node(detail, "after").Status);
        Assert.Equal(NodeStatus.Succeeded, Node(detail, "fine").Status);
        Assert.Equal(1, world.Backend.Executions("bad"));
    }

    [Fact]
    public async Task TransientFailures_AreRetried_ThenSucceed()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        world.Backend.FailTransiently("flaky", 2);
        var run = await world.SubmitAsync("""{"name": "t", "nodes": {"n": {"type": "test.number"}, "flaky": {"type": "test.flaky", "inputs": {"value": "n.value"}}}}""", Ct);

        var status = await world.Executor().DriveAsync(run, Ct);

        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(3, world.Backend.Executions("flaky"));
        Assert.Equal(3, Node((await world.Store.ShowAsync(run, Ct))!, "flaky").Attempts);
        Assert.Contains(await world.Store.LogsAsync(run, 0, Ct), e => e.Message.StartsWith("retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TransientFailuresPastTheRetries_PauseTheRun_NeverSuccess_AndItResumes()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        world.Backend.FailTransiently("flaky", 5);
        var run = await world.SubmitAsync("""{"name": "t", "nodes": {"n": {"type": "test.number"}, "flaky": {"type": "test.flaky", "inputs": {"value": "n.value"}}, "next": {"type": "test.add", "inputs": {"a": "flaky.value"}}}}""", Ct);

        var status = await world.Executor().DriveAsync(run, Ct);

        Assert.Equal(RunStatus.Paused, status);
        var detail = (await world.Store.ShowAsync(run, Ct))!;
        Assert.Contains("connection refused", detail.Run.Error, StringComparison.Ordinal);
        Assert.Contains("takt runs resume", detail.Run.Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Paused, Node(detail, "flaky").Status);
        Assert.DoesNotContain(detail.Nodes, n => n.NodeId == "next");
        Assert.Empty(await world.Store.UnfinishedAsync(Ct));

        Assert.True(await world.Store.ReopenAsync(run, Ct));
        Assert.Equal(RunStatus.Succeeded, await world.Executor().DriveAsync(run, Ct));
        Assert.Equal(1, world.Backend.Executions("n"));
    }

    [Fact]
    public async Task CancelFromAnotherProcess_StopsRunningNodes_AndNothingPendingStarts()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var run = await world.SubmitAsync("""{"name": "c", "nodes": {"wait": {"type": "test.block", "params": {"gate": "never"}}, "after": {"type": "test.add", "inputs": {"a": "wait.value"}}}}""", Ct);
        var driving = world.Executor().DriveAsync(run, Ct);
        await world.Backend.Blocked.WaitAsync(Ct);

        // Only the flag in the database: the executor above must notice it by itself.
        Assert.True(await world.Store.RequestCancelAsync(run, Ct));
        var status = await driving.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(RunStatus.Cancelled, status);
        var detail = (await world.Store.ShowAsync(run, Ct))!;
        Assert.Equal(NodeStatus.Cancelled, Node(detail, "wait").Status);
        Assert.Equal(NodeStatus.Skipped, Node(detail, "after").Status);
        Assert.Equal(0, world.Backend.Executions("after"));
    }

    [Fact]
    public async Task CancelOneNodeFromAnotherProcess_ItsDependentsAreSkipped_TheRestFinishes()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var run = await world.SubmitAsync("""
            {"name": "n", "nodes": {
              "slow": {"type": "test.block", "params": {"gate": "never"}},
              "after": {"type": "test.add", "inputs": {"a": "slow.value"}},
              "other": {"type": "test.number", "params": {"value": 9}},
              "more": {"type": "test.add", "inputs": {"a": "other.value"}}
            }}
            """, Ct);
        var driving = world.Executor().DriveAsync(run, Ct);
        await world.Backend.Blocked.WaitAsync(Ct);

        await world.Store.RequestCancelNodeAsync(run, "slow", Ct);
        var status = await driving.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(RunStatus.Cancelled, status);
        var detail = (await world.Store.ShowAsync(run, Ct))!;
        Assert.Equal(NodeStatus.Cancelled, Node(detail, "slow").Status);
        Assert.Equal(NodeStatus.Skipped, Node(detail, "after").Status);
        Assert.Equal(NodeStatus.Succeeded, Node(detail, "more").Status);
    }

    [Fact]
    public async Task ProcessStopsMidRun_AnotherExecutorResumes_DoneNodesNotRerun_NoDuplicateLineage()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var run = await world.SubmitAsync("""
            {"name": "r", "nodes": {
              "first": {"type": "test.number", "params": {"value": 3}},
              "wait": {"type": "test.block", "params": {"gate": "g"}, "inputs": {"value": "first.value"}},
              "last": {"type": "test.add", "inputs": {"a": "wait.value"}}
            }}
            """, Ct);
        using var host = new CancellationTokenSource();
        var driving = world.Executor().DriveAsync(run, host.Token);
        await world.Backend.Blocked.WaitAsync(Ct);

        await host.CancelAsync(); // the host goes away (process stop): the run is left running, not cancelled
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driving);
        Assert.Equal([run], await world.Store.UnfinishedAsync(Ct));
        var nodesBefore = (await world.Lineage.IndexAsync(Ct)).NodeCount;

        world.Backend.Gate("g").SetResult();
        var status = await world.Executor().DriveAsync((await world.Store.UnfinishedAsync(Ct))[0], Ct);

        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(1, world.Backend.Executions("first"));
        Assert.Equal(2, world.Backend.Executions("wait"));
        Assert.Equal(nodesBefore + 2, (await world.Lineage.IndexAsync(Ct)).NodeCount);
        Assert.Equal(RunStatus.Succeeded, await world.Executor().DriveAsync(run, Ct));
        Assert.Equal(1, world.Backend.Executions("last"));
    }

    [Fact]
    public async Task ReadyNodesRunInParallel_UpToTheBackendsCapacity()
    {
        await using var world = await EngineWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct, new ScriptedBackend(capacity: 2));
        var nodes = string.Join(",", Enumerable.Range(0, 6).Select(i => $"\"w{i}\": {{\"type\": \"test.block\", \"params\": {{\"gate\": \"all\"}}}}"));
        var run = await world.SubmitAsync("{\"name\": \"p\", \"nodes\": {" + nodes + "}}", Ct);
        var driving = world.Executor().DriveAsync(run, Ct);

        await world.Backend.Blocked.WaitAsync(Ct);
        await world.Backend.Blocked.WaitAsync(Ct); // two are running at once…
        world.Backend.Gate("all").SetResult();
        Assert.Equal(RunStatus.Succeeded, await driving.WaitAsync(TimeSpan.FromMinutes(1), Ct));

        Assert.Equal(2, world.Backend.MaxRunning); // …and never more than the capacity
    }

    private static NodeCheckpoint Node(RunDetail detail, string id) => detail.Nodes.Single(n => n.NodeId == id);

    private static double Value(RunDetail detail, string id) =>
        Node(detail, id).Outputs!.Values.Single().Inline!.Value.GetDouble();
}

public sealed class SqliteRunExecutorTests : RunExecutorContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) => await SqliteDatabase.CreateAsync(cancellationToken);
}

public sealed class PostgresRunExecutorTests : RunExecutorContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        PostgresServer.Require();
        return await PostgresDatabase.CreateAsync(cancellationToken);
    }
}
