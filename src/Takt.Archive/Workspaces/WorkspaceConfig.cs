using System.Text.Json;
using System.Text.Json.Serialization;

namespace Takt.Archive.Workspaces;

/// <summary>The contents of <c>workspace.json</c>: which database holds the metadata and the archive's limits.</summary>
public sealed record WorkspaceConfig
{
    public int Version { get; init; } = 1;

    /// <summary><c>sqlite</c> (the embedded default, <c>takt.db</c> in the workspace) or <c>postgresql</c>.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>For PostgreSQL; may be left out and given as TAKT_POSTGRES instead, to keep passwords out of files.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The most pixels an ingested image may decode to.</summary>
    public long MaxPixels { get; init; } = Media.ImageProbeOptions.DefaultMaxPixels;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
