namespace Takt.Engine.Backends.HostedVideo;

/// <summary>One hosted provider's protocol: submit, poll, cancel, fetch the result. The backend owns the loop.</summary>
internal interface IVideoProvider
{
    /// <summary>The backend kind, as in <see cref="BackendConfig.Kind"/>.</summary>
    string Kind { get; }

    /// <summary>The provider's name in lineage (<c>openai</c> in <c>openai sora-2</c>).</summary>
    string LineageName { get; }

    /// <summary>The provider's HTTP plumbing, shared with the download.</summary>
    ProviderHttp Http { get; }

    IReadOnlyList<VideoOperation> Operations { get; }

    bool SupportsSeed { get; }

    bool SupportsNegativePrompt { get; }

    bool SupportsEndImage { get; }

    /// <summary>Whether a running job can be cancelled remotely.</summary>
    bool CanCancel { get; }

    string DefaultModel(VideoOperation operation);

    Task<RemoteTask> SubmitAsync(VideoRequest request, CancellationToken cancellationToken);

    Task<RemoteTaskPoll> PollAsync(RemoteTask task, CancellationToken cancellationToken);

    Task CancelAsync(RemoteTask task, CancellationToken cancellationToken);

    /// <summary>Starts the download of a finished job's video; the caller checks and stores the bytes.</summary>
    Task<HttpResponseMessage> OpenResultAsync(RemoteTask task, RemoteTaskPoll done, CancellationToken cancellationToken);
}
