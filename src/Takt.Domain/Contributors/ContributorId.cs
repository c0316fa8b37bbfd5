namespace Takt.Domain.Contributors;

/// <summary>A person or organisation whose work enters the archive.</summary>
public readonly record struct ContributorId(Guid Value)
{
    public static ContributorId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString("D");
}
