using Microsoft.EntityFrameworkCore;
using Takt.Persistence;
using Takt.Persistence.Archive;

namespace Takt.Archive.Rights;

/// <summary>
/// Finds an asset by its full id or an unambiguous start or end of it. Version-7 ids begin with a
/// timestamp, so assets ingested in the same millisecond share a long prefix; their ends are random.
/// </summary>
public static class AssetResolver
{
    public const int MinimumPrefix = 6;

    public static async Task<(AssetRow? Asset, string? Problem)> FindAsync(TaktDbContext db, string reference, CancellationToken cancellationToken)
    {
        var text = reference.Trim().ToLowerInvariant();
        if (Guid.TryParse(text, out var id))
        {
            var exact = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            return exact is null ? (null, $"no asset {reference}") : (exact, null);
        }

        if (text.Length < MinimumPrefix || !text.All(c => char.IsAsciiHexDigit(c) || c == '-'))
        {
            return (null, $"'{reference}' is not an asset id (a GUID, or at least {MinimumPrefix} of its first or last characters)");
        }

        // Ids are compared as text client-side: portable across providers (GUID text differs by provider).
        // This reads every id once; fine for a CLI look-up, to be replaced by a prefix index if archives grow huge.
        var candidates = await db.Assets.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken);
        var matches = candidates.Where(c => c.ToString("D").StartsWith(text, StringComparison.Ordinal) || c.ToString("D").EndsWith(text, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            0 => (null, $"no asset id starts or ends with '{reference}'"),
            > 1 => (null, $"'{reference}' matches several assets; give more characters"),
            _ => (await db.Assets.AsNoTracking().FirstAsync(a => a.Id == matches[0], cancellationToken), null),
        };
    }
}
