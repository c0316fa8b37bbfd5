using System.Buffers.Binary;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.TestKit.ComfyUi;

namespace Takt.Engine.Tests.Backends.ComfyUi;

/// <summary>The ComfyUI backend against the fake server over real HTTP and WebSocket on loopback.</summary>
public sealed class ComfyUiBackendTests
{
    [Fact(Timeout = 60_000)]
    public async Task Execute_Portrait_StreamsProgressAndPreviewsAndStoresThePng()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);

        var result = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait", new { seed = 42, prompt = "a fox", steps = 4 }), world.Context, TestContext.Current.CancellationToken);

        var image = result.Outputs["image"];
        Assert.Equal(PortType.Image, image.Type);
        Assert.Equal("image/png", image.MediaType);
        var bytes = await ReadBlobAsync(world, image);
        Assert.Equal((64, 64), PngSize(bytes));
        Assert.Equal([(1.0, 4.0), (2.0, 4.0), (3.0, 4.0), (4.0, 4.0)], world.Context.Progress.ToArray());
        Assert.Equal(4, world.Context.Previews.Count);
        Assert.All(world.Context.Previews, p => Assert.Equal("image/png", p.MediaType));
        Assert.All(world.Context.Previews, p => Assert.Equal((8, 8), PngSize(p.Image)));
        Assert.Contains(world.Context.Logs, l => l.Contains("node 3: sampling 4 steps with euler", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Context.Logs, l => l.Contains("/history", StringComparison.Ordinal));

        var provenance = result.Provenance;
        Assert.Equal("comfyui " + FakeComfyUiServer.Version, provenance.Backend);
        Assert.Equal("comfyui " + FakeComfyUiServer.Version, world.Backend.Kind);
        Assert.Equal(SeedSupport.Seeded, provenance.SeedSupport);
        Assert.Equal(42, provenance.Seed);
        Assert.Equal([new ModelUse("v1-5-pruned-emaonly.safetensors", null, "checkpoint")], provenance.Models);
        Assert.True(Guid.TryParseExact(provenance.RemoteId, "D", out _));

        // Our history entry is deleted once the outputs are stored.
        Assert.Null(world.Server.History(provenance.RemoteId!));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_DifferentSeeds_GiveDifferentImages()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);

        var first = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait", new { seed = 1 }), world.Context, TestContext.Current.CancellationToken);
        var second = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait", new { seed = 2 }), world.Context, TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Outputs["image"].ContentHash, second.Outputs["image"].ContentHash);
        Assert.Equal(2, world.Server.Executions("KSampler"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_SamePromptTwice_ComfyUiReusesEveryNodeAndTheImageIsTheSame()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        var first = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait", new { seed = 7 }), world.Context, TestContext.Current.CancellationToken);
        var again = new RecordingRunContext(world.Blobs);

        var second = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait", new { seed = 7 }), again, TestContext.Current.CancellationToken);

        Assert.Equal(first.Outputs["image"].ContentHash, second.Outputs["image"].ContentHash);
        Assert.Equal(1, world.Server.Executions("KSampler"));
        Assert.Empty(again.Progress);
        var cached = second.Provenance.Details!.Value.GetProperty("cachedNodes").EnumerateArray().Select(n => n.GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["3", "4", "5", "6", "7", "8", "9"], cached);
        Assert.Contains(again.Logs, l => l.Contains("reused 7 cached node results", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_NodeRaises_PermanentFailureInComfyUisWords()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.FailNode = "3";

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Equal("ComfyUI node 3 (KSampler) failed: RuntimeError: CUDA error: an illegal memory access was encountered", error.Message);
        Assert.Equal(0, world.BlobCount());
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_Cancelled_InterruptsThePromptOnTheServerAndStoresNothing()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.HangNode = "8";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, cancel.Token);
        await world.Server.HangReached.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var interrupt = Assert.Single(world.Server.InterruptRequests);
        Assert.True(Guid.TryParseExact(interrupt, "D", out _), $"the interrupt names our prompt, not every prompt: '{interrupt}'");
        Assert.Equal(0, world.BlobCount());
        Assert.Equal(0, world.Server.Executions("SaveImage"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_SocketDropsMidRun_HistoryPollingCompletesTheRun()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.DropSocketsAtStep = 2;

        var result = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait", new { steps = 6 }), world.Context, TestContext.Current.CancellationToken);

        Assert.Equal(PngSize(await ReadBlobAsync(world, result.Outputs["image"])), (64, 64));
        Assert.Contains(world.Context.Logs, l => l.Contains("following prompt", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Context.Progress, p => p.Value >= 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_EventsStallWhileThePromptSucceeds_HistoryPollingCompletesTheRun()
    {
        await using var world = await ComfyUiWorld.StartAsync(null, stallSeconds: 0.2, TestContext.Current.CancellationToken);
        world.Server.Chaos.StallEvents = true;
        world.Server.Chaos.HistoryDelay = TimeSpan.FromMilliseconds(300);

        var result = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken);

        Assert.Equal("image/png", result.Outputs["image"].MediaType);
        Assert.Equal(1, world.BlobCount());
        Assert.Empty(world.Context.Progress);
        Assert.Contains(world.Context.Logs, l => l.Contains("sent no event for 0.2 s", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_ValidationFails_PermanentErrorNamesNodeClassAndInput()
    {
        var template = ComfyUiTemplates.PortraitWith(t => t["workflow"]!["4"]!["inputs"]!["ckpt_name"] = "missing.safetensors");
        await using var world = await ComfyUiWorld.StartAsync([template], 20, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.StartsWith("ComfyUI rejected the prompt: Prompt outputs failed validation", error.Message, StringComparison.Ordinal);
        Assert.Contains("node 4 (CheckpointLoaderSimple) input 'ckpt_name': Value not in list: ckpt_name: 'missing.safetensors' not in (list of length 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_OurOutputFailsValidationButAnotherPasses_ComfyUiSays200AndTheRunFailsNamingTheNode()
    {
        var template = ComfyUiTemplates.PortraitWith(t =>
        {
            t["workflow"]!["11"] = new System.Text.Json.Nodes.JsonObject { ["class_type"] = "LoadImage", ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["image"] = "absent.png" } };
            t["workflow"]!["12"] = new System.Text.Json.Nodes.JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["filename_prefix"] = "x", ["images"] = new System.Text.Json.Nodes.JsonArray("11", 0) } };
            t["outputs"]!["image"]!["node"] = "12";
        });
        await using var world = await ComfyUiWorld.StartAsync([template], 20, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Contains("node 11 (LoadImage) input 'image': Value not in list", error.Message, StringComparison.Ordinal);
        Assert.Contains(world.Server.InterruptRequests, id => Guid.TryParse(id, out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_AnUnusedOutputFailsValidation_TheRunSucceedsAndLogsIt()
    {
        var template = ComfyUiTemplates.PortraitWith(t =>
        {
            t["workflow"]!["11"] = new System.Text.Json.Nodes.JsonObject { ["class_type"] = "LoadImage", ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["image"] = "absent.png" } };
            t["workflow"]!["12"] = new System.Text.Json.Nodes.JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["filename_prefix"] = "x", ["images"] = new System.Text.Json.Nodes.JsonArray("11", 0) } };
        });
        await using var world = await ComfyUiWorld.StartAsync([template], 20, TestContext.Current.CancellationToken);

        var result = await world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken);

        Assert.Equal("image/png", result.Outputs["image"].MediaType);
        Assert.Contains(world.Context.Logs, l => l.Contains("skipped an output Takt does not use: node 11 (LoadImage) input 'image'", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_DownloadCutShort_TransientErrorAndNothingStored()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.TruncateViews = true;

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken));

        Assert.True(error.Transient);
        Assert.Contains("cut the download of 'ComfyUI_00001_.png' short", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.BlobCount());
        Assert.Empty(world.Context.Stored);
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_ImageInput_IsUploadedAndLoadImageReadsIt()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        var reference = TinyPng.Render(16, 16, [1, 2, 3, 4]);
        using var content = new MemoryStream(reference);
        var input = await world.Context.StoreAsync(PortType.Image, "image/png", content, TestContext.Current.CancellationToken);

        var result = await world.Backend.ExecuteAsync(world.Invocation("comfyui.restyle", inputs: new Dictionary<string, PortValue> { ["reference"] = input }), world.Context, TestContext.Current.CancellationToken);

        var uploaded = Assert.Single(Directory.GetFiles(world.Server.InputFolder));
        Assert.Equal(reference, await File.ReadAllBytesAsync(uploaded, TestContext.Current.CancellationToken));
        Assert.StartsWith("takt-", Path.GetFileName(uploaded), StringComparison.Ordinal);
        Assert.Equal("image/png", result.Outputs["image"].MediaType);
        Assert.Equal(SeedSupport.Deterministic, result.Provenance.SeedSupport);
        Assert.Null(result.Provenance.Seed);
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_RequiredInputMissing_PermanentErrorBeforeAnythingIsSent()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.restyle"), world.Context, TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Equal("comfyui.restyle: input 'reference' is required but nothing is connected to it", error.Message);
        Assert.Equal(0, world.Server.Executions("LoadImage"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Test_ReportsVersionDevicesAndMissingNodeClasses()
    {
        var custom = ComfyUiTemplates.PortraitWith(t =>
        {
            t["name"] = "upscaled";
            t["workflow"]!["20"] = new System.Text.Json.Nodes.JsonObject { ["class_type"] = "UpscaleModelLoader", ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["model_name"] = "4x.pth" } };
        });
        await using var world = await ComfyUiWorld.StartAsync([ComfyUiTemplates.Portrait, custom], 20, TestContext.Current.CancellationToken);

        var report = await world.Backend.TestAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FakeComfyUiServer.Version, report.Version);
        Assert.Equal("cuda:0 Fake GPU : cudaMallocAsync", Assert.Single(report.Devices).Name);
        Assert.False(report.Ready);
        Assert.Empty(report.Templates.Single(t => t.NodeType == "comfyui.portrait").Problems);
        Assert.Equal(
            ["node 20 is a UpscaleModelLoader, which the server does not offer (a missing custom node?)"],
            report.Templates.Single(t => t.NodeType == "comfyui.upscaled").Problems);
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_TargetInputTheServerDoesNotKnow_IsNamed()
    {
        var template = ComfyUiTemplates.PortraitWith(t =>
        {
            t["workflow"]!["3"]!["inputs"]!["colour"] = "red";
            t["parameters"]!["colour"] = new System.Text.Json.Nodes.JsonObject { ["target"] = "3.colour", ["kind"] = "text", ["default"] = "red" };
        });
        await using var world = await ComfyUiWorld.StartAsync([template], 20, TestContext.Current.CancellationToken);

        var problems = world.Backend.Templates[0].Check(await world.Backend.Client.GetObjectInfoAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["parameter 'colour': target '3.colour': KSampler has no input 'colour' on this server"], problems);
    }

    private static async Task<byte[]> ReadBlobAsync(ComfyUiWorld world, PortValue value)
    {
        await using var stream = await world.Context.OpenAsync(value, TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
