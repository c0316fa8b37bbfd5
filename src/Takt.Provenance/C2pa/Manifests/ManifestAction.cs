namespace Takt.Provenance.C2pa.Manifests;

/// <summary>
/// One entry of <c>c2pa.actions.v2</c>: the action (<c>c2pa.created</c>, <c>c2pa.placed</c>…), its
/// IPTC digital source type when it has one, and the ingredients it used, by their index in the
/// manifest's ingredient list (written as hashed URIs to those ingredient assertions).
/// </summary>
public sealed record ManifestAction(string Action, string? DigitalSourceType, IReadOnlyList<int> Ingredients, string? Description = null);
