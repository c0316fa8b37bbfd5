namespace Takt.Domain.Rights;

/// <summary>
/// One consent statement for one purpose, effective from a moment. Statements are never edited:
/// a later statement from the same source supersedes an earlier one.
/// </summary>
public sealed record ConsentGrant(
    Purpose Purpose,
    ConsentState State,
    DateTimeOffset EffectiveFrom,
    ConsentSource Source,
    string? Terms = null,
    string? Evidence = null);
