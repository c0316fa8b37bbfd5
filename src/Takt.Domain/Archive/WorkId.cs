namespace Takt.Domain.Archive;

/// <summary>
/// A creative work: the unit that carries authorship, licence and consent. A plain file is one
/// work; a layered file is one work whose layers are several assets.
/// </summary>
public readonly record struct WorkId(Guid Value)
{
    public static WorkId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString("D");
}
