namespace Takt.Provenance.C2pa.Reading;

/// <summary>
/// C2PA JUMBF URIs (§8.3): <c>self#jumbf=c2pa.assertions/LABEL</c> relative to the manifest that
/// holds the claim, or <c>self#jumbf=/c2pa/MANIFEST/…</c> absolute within the store.
/// </summary>
internal static class JumbfUri
{
    private const string Prefix = "self#jumbf=";
    private const string StoreRoot = "/c2pa/";

    public static string Manifest(string manifest) => $"{Prefix}{StoreRoot}{manifest}";

    public static string Signature(string manifest) => $"{Manifest(manifest)}/c2pa.signature";

    public static string Assertion(string manifest, string label) => $"{Manifest(manifest)}/c2pa.assertions/{label}";

    /// <summary>The manifest label an absolute URI points into, or null for a relative or foreign URI.</summary>
    public static string? ManifestOf(string uri)
    {
        var path = Path(uri);
        if (path is null || !path.StartsWith(StoreRoot, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[StoreRoot.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var label = slash < 0 ? rest : rest[..slash];
        return label.Length == 0 ? null : label;
    }

    /// <summary>The assertion label (with any <c>__N</c> suffix) a URI names, or null if it names no assertion.</summary>
    public static string? AssertionOf(string uri)
    {
        var path = Path(uri);
        if (path is null)
        {
            return null;
        }

        const string store = "c2pa.assertions/";
        var at = path.IndexOf(store, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && path[at - 1] != '/'))
        {
            return null;
        }

        var label = path[(at + store.Length)..];
        return label.Length == 0 || label.Contains('/', StringComparison.Ordinal) ? null : label;
    }

    /// <summary>The absolute form of a URI found in <paramref name="manifest"/>'s claim.</summary>
    public static string Absolute(string manifest, string uri)
    {
        var path = Path(uri);
        if (path is null || path.StartsWith('/'))
        {
            return uri;
        }

        return $"{Manifest(manifest)}/{path}";
    }

    /// <summary>Strips the <c>__N</c> instance suffix C2PA adds to duplicate labels.</summary>
    public static string BaseLabel(string label)
    {
        var at = label.LastIndexOf("__", StringComparison.Ordinal);
        return at > 0 && label.AsSpan(at + 2).Length > 0 && label.AsSpan(at + 2).IndexOfAnyExceptInRange('0', '9') < 0
            ? label[..at]
            : label;
    }

    private static string? Path(string uri) =>
        uri.StartsWith(Prefix, StringComparison.Ordinal) ? uri[Prefix.Length..] : null;
}
