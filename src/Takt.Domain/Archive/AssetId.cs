namespace Takt.Domain.Archive;

/// <summary>One archived file (or one layer of a layered file), never modified in place.</summary>
public readonly record struct AssetId(Guid Value)
{
    public static AssetId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString("D");
}
