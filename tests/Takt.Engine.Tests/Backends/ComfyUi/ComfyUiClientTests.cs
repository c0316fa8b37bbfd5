using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Takt.Engine.Backends;
using Takt.Engine.Backends.ComfyUi;

namespace Takt.Engine.Tests.Backends.ComfyUi;

/// <summary>The client's handling of what a ComfyUI server (or something pretending to be one) can send back.</summary>
public sealed class ComfyUiClientTests
{
    [Fact(Timeout = 60_000)]
    public async Task SystemStats_VersionMissing_ErrorNamesTheField()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.MalformedResponses["GET /system_stats"] = """{"system": {"os": "posix"}, "devices": []}""";

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.Client.GetSystemStatsAsync(TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Equal("ComfyUI GET /system_stats returned an unexpected shape: field 'system.comfyui_version' is missing", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Submit_PromptIdIsANumber_ErrorNamesTheField()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.MalformedResponses["POST /prompt"] = """{"prompt_id": 42, "number": 0, "node_errors": {}}""";

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken));

        Assert.Equal("ComfyUI POST /prompt returned an unexpected shape: field 'prompt_id' should be a string but is the number 42", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task History_CompletedIsText_ErrorNamesTheFieldAndNothingIsStored()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.MalformedResponses["GET /history/"] = """{"{id}": {"outputs": {}, "status": {"status_str": "success", "completed": "yes", "messages": []}}}""";

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.ExecuteAsync(world.Invocation("comfyui.portrait"), world.Context, TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Matches("^ComfyUI GET /history/\\{id\\} returned an unexpected shape: field '[0-9a-f-]{36}\\.status\\.completed' should be true or false but is a string$", error.Message);
        Assert.Equal(0, world.BlobCount());
    }

    [Fact(Timeout = 60_000)]
    public async Task Queue_NotJson_ErrorSaysSo()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        world.Server.Chaos.MalformedResponses["GET /queue"] = "<html>Bad gateway</html>";

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.Client.IsQueuedAsync("x", TestContext.Current.CancellationToken));

        Assert.StartsWith("ComfyUI GET /queue returned invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task ObjectInfo_UnderTheApiPrefix_ListsTheFixtureClasses()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        var client = new ComfyUiClient(new Uri(world.Server.Endpoint, "api"), world.Http);

        var info = await client.GetObjectInfoAsync(TestContext.Current.CancellationToken);

        Assert.True(info.Find("SaveImage")!.OutputNode);
        Assert.False(info.Find("KSampler")!.OutputNode);
        Assert.Contains("latent_image", info.Find("KSampler")!.Inputs);
        Assert.DoesNotContain("prompt", info.Find("SaveImage")!.Inputs);
    }

    [Fact(Timeout = 60_000)]
    public async Task Submit_NothingListening_TransientError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var client = new ComfyUiClient(new Uri($"http://127.0.0.1:{port}/"), http);

        var error = await Assert.ThrowsAsync<BackendException>(() => client.SubmitAsync([], "c", Guid.NewGuid().ToString(), TestContext.Current.CancellationToken));

        Assert.True(error.Transient);
        Assert.Contains("is unreachable (POST /prompt)", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Submit_NoOutputNode_RejectedWithComfyUisMessage()
    {
        await using var world = await ComfyUiWorld.StartAsync(TestContext.Current.CancellationToken);
        var prompt = new JsonObject { ["4"] = new JsonObject { ["class_type"] = "CheckpointLoaderSimple", ["inputs"] = new JsonObject { ["ckpt_name"] = "sd_xl_base_1.0.safetensors" } } };

        var error = await Assert.ThrowsAsync<BackendException>(() => world.Backend.Client.SubmitAsync(prompt, "c", Guid.NewGuid().ToString(), TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Equal("ComfyUI rejected the prompt: Prompt has no outputs", error.Message);
    }

    [Fact]
    public void Frames_PreviewTypes_AreDecoded()
    {
        byte[] image = [0xFF, 0xD8, 0xFF, 0xE0];
        var jpeg = Assert.IsType<ComfyUiPreviewFrame>(ComfyUiFrames.ParseBinary(Frame(1, 1, image)));
        Assert.Equal("image/jpeg", jpeg.MediaType);
        Assert.Equal(image, jpeg.Image.ToArray());

        var metadata = Encoding.UTF8.GetBytes("""{"node_id":"3","prompt_id":"p","image_type":"image/png"}""");
        var png = Assert.IsType<ComfyUiPreviewFrame>(ComfyUiFrames.ParseBinary(Frame(4, (uint)metadata.Length, [.. metadata, .. image])));
        Assert.Equal(("image/png", "3", "p"), (png.MediaType, png.NodeId, png.PromptId));
        Assert.Equal(image, png.Image.ToArray());

        var text = Assert.IsType<ComfyUiTextFrame>(ComfyUiFrames.ParseBinary(Frame(3, 2, Encoding.UTF8.GetBytes("12hello"))));
        Assert.Equal(("12", "hello"), (text.NodeId, text.Text));
    }

    [Fact]
    public void Frames_Damaged_AreReportedNotThrown()
    {
        Assert.IsType<ComfyUiUnreadableFrame>(ComfyUiFrames.ParseBinary(new byte[5]));
        Assert.IsType<ComfyUiUnreadableFrame>(ComfyUiFrames.ParseBinary(Frame(3, 99, [1, 2])));
        Assert.IsType<ComfyUiUnreadableFrame>(ComfyUiFrames.ParseBinary(Frame(1, 7, [1])));
        Assert.IsType<ComfyUiUnreadableFrame>(ComfyUiFrames.ParseBinary(Frame(9, 0, [])));
        Assert.IsType<ComfyUiUnreadableFrame>(ComfyUiFrames.ParseText("not json"));
        Assert.IsType<ComfyUiUnreadableFrame>(ComfyUiFrames.ParseText("""{"data": {}}"""));
    }

    private static byte[] Frame(uint type, uint second, byte[] rest)
    {
        var frame = new byte[8 + rest.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, type);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), second);
        rest.CopyTo(frame, 8);
        return frame;
    }
}
