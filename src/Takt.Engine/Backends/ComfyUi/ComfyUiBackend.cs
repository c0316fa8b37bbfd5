using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// A ComfyUI server as a Takt backend: each workflow template in its folder is a node type
/// <c>comfyui.&lt;name&gt;</c>. A node run uploads its inputs, submits the instantiated prompt under a
/// Takt-chosen id, streams progress and previews, and stores each output file in the blob store.
/// </summary>
public sealed partial class ComfyUiBackend : INodeBackend
{
    private readonly Dictionary<string, ComfyUiWorkflowTemplate> _templates;
    private readonly ComfyUiBackendOptions _options;
    private readonly TimeProvider _time;
    private volatile string? _version;

    public ComfyUiBackend(string name, int capacity, ComfyUiClient client, IReadOnlyList<ComfyUiWorkflowTemplate> templates, ComfyUiBackendOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var duplicates = templates.GroupBy(t => t.NodeTypeName, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException(
                "two templates declare the same node type: " + string.Join("; ", duplicates.Select(g => $"{g.Key} in {string.Join(" and ", g.Select(t => t.Source))}")),
                nameof(templates));
        }

        Name = name;
        Capacity = capacity;
        Client = client;
        _templates = templates.ToDictionary(t => t.NodeTypeName, StringComparer.Ordinal);
        _options = options;
        _time = time;
        Templates = templates;
        NodeTypes = templates.Select(t => t.ToNodeType()).ToList();
    }

    /// <summary>
    /// Builds the backend a registry entry describes (Kind <c>comfyui</c>): the endpoint, the capacity,
    /// and the template folder of <c>Settings["templates"]</c>. Every bad template file is named.
    /// </summary>
    public static ComfyUiBackend Create(BackendConfig config, HttpClient http, TimeProvider time)
    {
        if (!string.Equals(config.Kind, ComfyUiWorkflowTemplate.Capability, StringComparison.Ordinal))
        {
            throw new ArgumentException($"backend '{config.Name}' is of kind '{config.Kind}', not comfyui", nameof(config));
        }

        var endpoint = config.Endpoint ?? throw new ArgumentException($"backend '{config.Name}': a ComfyUI backend needs an endpoint (e.g. http://127.0.0.1:8188/)", nameof(config));
        var options = ComfyUiBackendOptions.From(config);
        return new ComfyUiBackend(config.Name, config.Capacity, new ComfyUiClient(endpoint, http), LoadTemplates(options.Templates), options, time);
    }

    /// <summary>Reads every <c>*.json</c> in the folder; all problems of all files are reported together.</summary>
    public static IReadOnlyList<ComfyUiWorkflowTemplate> LoadTemplates(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"the ComfyUI template folder '{folder}' does not exist");
        }

        var templates = new List<ComfyUiWorkflowTemplate>();
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                templates.Add(ComfyUiWorkflowTemplate.Load(file));
            }
            catch (ComfyUiTemplateException e)
            {
                problems.AddRange(e.Problems.Select(p => $"{Path.GetFileName(file)}: {p}"));
            }
        }

        return problems.Count == 0 ? templates : throw new ComfyUiTemplateException(folder, problems);
    }

    public string Name { get; }

    /// <summary><c>comfyui</c>, then <c>comfyui &lt;version&gt;</c> once the server has told its version.</summary>
    public string Kind => _version is { } version ? $"comfyui {version}" : "comfyui";

    public int Capacity { get; }

    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>(StringComparer.Ordinal) { ComfyUiWorkflowTemplate.Capability };

    public IReadOnlyList<NodeType> NodeTypes { get; }

    public IReadOnlyList<ComfyUiWorkflowTemplate> Templates { get; }

    public ComfyUiClient Client { get; }

    private async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        if (_version is { } version)
        {
            return version;
        }

        var stats = await Client.GetSystemStatsAsync(cancellationToken);
        _version = stats.Version;
        return stats.Version;
    }
}
