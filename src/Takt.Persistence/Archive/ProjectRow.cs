namespace Takt.Persistence.Archive;

public sealed class ProjectRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
