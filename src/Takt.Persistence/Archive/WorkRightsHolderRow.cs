namespace Takt.Persistence.Archive;

public sealed class WorkRightsHolderRow
{
    public Guid WorkId { get; set; }

    public Guid ContributorId { get; set; }
}
