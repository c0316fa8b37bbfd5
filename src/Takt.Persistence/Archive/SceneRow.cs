namespace Takt.Persistence.Archive;

public sealed class SceneRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid ProjectId { get; set; }

    public required string Slug { get; set; }
}
