using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiBackend
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(15);

    public async Task<NodeResult> ExecuteAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        if (!_templates.TryGetValue(invocation.Type.Name, out var template))
        {
            throw new BackendException($"ComfyUI backend '{Name}' has no template for node type {invocation.Type.Name}", transient: false);
        }

        if (invocation.Type.Version != template.Version)
        {
            throw new BackendException($"ComfyUI backend '{Name}' has {template.NodeTypeName} at version {template.Version}, not {invocation.Type.Version}", transient: false);
        }

        var version = await VersionAsync(cancellationToken);
        var uploads = await UploadInputsAsync(template, invocation, context, cancellationToken);
        var prompt = template.Instantiate(invocation, uploads);
        var clientId = Guid.NewGuid().ToString("D");
        var promptId = Guid.NewGuid().ToString("D");

        await using var socket = await TryConnectAsync(clientId, context, cancellationToken);
        var watch = new ComfyUiPromptWatch(Client, promptId, context, _options, _time);
        try
        {
            var submission = await Client.SubmitAsync(prompt, clientId, promptId, cancellationToken);
            await CheckPartialValidationAsync(template, submission, context, cancellationToken);
            var entry = await watch.WaitAsync(socket, cancellationToken);
            ThrowIfFailed(entry);
            var outputs = await StoreOutputsAsync(template, entry, context, cancellationToken);
            await ForgetAsync(promptId, context, cancellationToken);
            return new NodeResult(outputs, new NodeProvenance(
                $"comfyui {version}",
                template.SeedOf(invocation) is null ? SeedSupport.Deterministic : SeedSupport.Seeded,
                template.SeedOf(invocation),
                template.ModelsIn(prompt),
                promptId,
                Details(template, watch)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Also when cancelled during the submit itself: the server may have queued the prompt
            // before the answer was lost, and the id is ours, so deleting an unknown one is harmless.
            await CancelRemoteAsync(promptId, context);
            throw new OperationCanceledException($"{template.NodeTypeName} was cancelled; ComfyUI prompt {promptId} was interrupted", null, cancellationToken);
        }
    }

    private async Task<Dictionary<string, string>> UploadInputsAsync(ComfyUiWorkflowTemplate template, NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in template.Inputs)
        {
            if (!invocation.Inputs.TryGetValue(input.Port.Name, out var value))
            {
                continue;
            }

            if (value.BlobHash is null)
            {
                throw new BackendException($"{template.NodeTypeName}: input '{input.Port.Name}' carries no file to upload", transient: false);
            }

            // Named by content, so a retry or a second run uploads to the same name and ComfyUI's
            // own content check keeps one copy; the name also keeps ComfyUI's LoadImage cache valid.
            var mediaType = value.MediaType ?? "image/png";
            var fileName = $"takt-{value.ContentHash[..Math.Min(32, value.ContentHash.Length)]}{ComfyUiMediaTypes.ExtensionOf(mediaType)}";
            await using var content = await context.OpenAsync(value, cancellationToken);
            var upload = await Client.UploadAsync(content, fileName, mediaType, cancellationToken);
            names[input.Port.Name] = upload.Reference;
        }

        return names;
    }

    private async Task<ComfyUiSocket?> TryConnectAsync(string clientId, INodeRunContext context, CancellationToken cancellationToken)
    {
        try
        {
            var socket = await ComfyUiSocket.ConnectAsync(Client.WebSocketRoute(clientId), cancellationToken);
            try
            {
                if (!await socket.WaitForGreetingAsync(_options.StallTimeout, _time, cancellationToken))
                {
                    context.Log("ComfyUI did not greet the WebSocket; early events of the prompt may be missed");
                }

                return socket;
            }
            catch
            {
                await socket.DisposeAsync();
                throw;
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException or IOException)
        {
            // The prompt still runs without live events: /history polling follows it.
            context.Log($"ComfyUI WebSocket unavailable ({e.Message}); following the prompt through /history");
            return null;
        }
    }

    /// <summary>
    /// ComfyUI queues a prompt even when some output nodes failed validation, running only the rest.
    /// If a declared output is among the failed ones the node cannot succeed: stop it now.
    /// </summary>
    private async Task CheckPartialValidationAsync(ComfyUiWorkflowTemplate template, ComfyUiSubmission submission, INodeRunContext context, CancellationToken cancellationToken)
    {
        if (submission.NodeErrors.Count == 0)
        {
            return;
        }

        var outputNodes = template.Outputs.Select(o => o.NodeId).ToHashSet(StringComparer.Ordinal);
        var fatal = submission.NodeErrors
            .Where(e => e.DependentOutputs.Count == 0 || e.DependentOutputs.Any(outputNodes.Contains) || outputNodes.Contains(e.NodeId))
            .ToList();
        if (fatal.Count == 0)
        {
            foreach (var error in submission.NodeErrors)
            {
                context.Log($"ComfyUI skipped an output Takt does not use: {error}");
            }

            return;
        }

        await Client.CancelAsync(submission.PromptId, cancellationToken);
        throw new BackendException($"ComfyUI rejected part of the prompt: {string.Join("; ", fatal)}", transient: false);
    }

    private static void ThrowIfFailed(ComfyUiHistoryEntry entry)
    {
        const string route = "GET /history/{id}";
        if (entry.Succeeded)
        {
            return;
        }

        if (entry.Find("execution_error") is { } error)
        {
            throw new BackendException(ComfyUiPromptWatch.DescribeError(error.Data, route), transient: false);
        }

        if (entry.Find("execution_interrupted") is { } interrupted)
        {
            throw new BackendException(ComfyUiPromptWatch.DescribeInterrupt(interrupted.Data, route), transient: false);
        }

        throw new BackendException($"ComfyUI finished prompt {entry.PromptId} with status '{entry.Status}' and no error message", transient: false);
    }

    private async Task ForgetAsync(string promptId, INodeRunContext context, CancellationToken cancellationToken)
    {
        try
        {
            // ComfyUI keeps up to 10,000 entries in memory; ours are stored, so free the slot.
            await Client.DeleteHistoryAsync(promptId, cancellationToken);
        }
        catch (BackendException e)
        {
            context.Log($"ComfyUI history of prompt {promptId} not deleted: {e.Message}");
        }
    }

    private async Task CancelRemoteAsync(string promptId, INodeRunContext context)
    {
        // The caller's token is cancelled; the interrupt gets its own short deadline.
        using var grace = new CancellationTokenSource(CancelGrace, _time);
        try
        {
            await Client.CancelAsync(promptId, grace.Token);
        }
        catch (Exception e) when (e is BackendException or OperationCanceledException)
        {
            context.Log($"ComfyUI prompt {promptId} may still run: the interrupt failed ({e.Message})");
        }
    }

    private static JsonElement Details(ComfyUiWorkflowTemplate template, ComfyUiPromptWatch watch)
    {
        var details = new JsonObject
        {
            ["template"] = template.NodeTypeName,
            ["templateVersion"] = template.Version,
            ["cachedNodes"] = new JsonArray(watch.CachedNodes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
        return JsonSerializer.SerializeToElement(details);
    }

    private static string Count(int n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? "" : "s")}");
}
