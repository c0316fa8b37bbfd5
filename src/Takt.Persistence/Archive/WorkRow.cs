namespace Takt.Persistence.Archive;

/// <summary>The unit of authorship, licence and consent; one or more assets belong to it.</summary>
public sealed class WorkRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>Unique within the project: the manifest's work key, or the file's relative path.</summary>
    public required string Key { get; set; }

    public required string Title { get; set; }

    public required string Category { get; set; }

    public required string LicenceId { get; set; }

    public string? LicenceTerms { get; set; }

    public Guid? AuthorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<WorkRightsHolderRow> RightsHolders { get; set; } = [];
}
