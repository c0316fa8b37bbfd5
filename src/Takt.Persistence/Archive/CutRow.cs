namespace Takt.Persistence.Archive;

public sealed class CutRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SceneId { get; set; }

    public required string Slug { get; set; }
}
