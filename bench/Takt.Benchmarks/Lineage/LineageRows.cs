using Takt.Domain.Lineage;

namespace Takt.Benchmarks.Lineage;

/// <summary>The column values both loaders write, spelled as the store spells them.</summary>
internal static class LineageRows
{
    public const int RowsPerTransaction = 250_000;

    /// <summary>When the synthetic history starts; one node is recorded every 15 s after it.</summary>
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] KindNames = [.. Enum.GetValues<LineageNodeKind>().Select(LineageNodeKinds.Name)];

    private static readonly string[] RoleNames = [.. Enum.GetValues<EdgeRole>().Select(EdgeRoles.Name)];

    public static string Kind(LineageNodeKind kind) => KindNames[(int)kind];

    public static string Role(EdgeRole role) => RoleNames[(int)role];

    public static DateTimeOffset RecordedAt(int node) => Epoch.AddSeconds(node * 15L);
}

