using Takt.Domain.Rights;

namespace Takt.Archive.Ingest.Planning;

/// <summary>The rights one file arrives with, after manifest defaults and its own entry are combined and checked.</summary>
public sealed record ResolvedRights
{
    public required string WorkKey { get; init; }

    public required string WorkTitle { get; init; }

    public string? AuthorKey { get; init; }

    public IReadOnlyList<string> RightsHolderKeys { get; init; } = [];

    public required Licence Licence { get; init; }

    public required WorkCategory Category { get; init; }

    public string? SourceTool { get; init; }

    /// <summary>Consent stated in the manifest: an agreement with the rights holder.</summary>
    public IReadOnlyList<(Purpose Purpose, ConsentState State, string? Terms)> Consent { get; init; } = [];

    public DateTimeOffset? Created { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
}
