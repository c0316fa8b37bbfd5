using Takt.Archive.Signals;

namespace Takt.Provenance.C2pa.Reading;

/// <summary>
/// A parsed C2PA manifest store (§11.1.4): the raw JUMBF bytes and, in store order, the manifest
/// superboxes. The active manifest is the last one. Offsets point into <see cref="Bytes"/>.
/// </summary>
internal sealed record ManifestStore(byte[] Bytes, IReadOnlyList<ManifestBox> Manifests)
{
    public ManifestBox? Active => Manifests.Count > 0 ? Manifests[^1] : null;

    public ManifestBox? Find(string label) => Manifests.FirstOrDefault(m => m.Label == label);

    /// <summary>Parses the store; throws <see cref="FormatException"/> when it is not a C2PA store.</summary>
    public static ManifestStore Parse(byte[] jumbf)
    {
        var top = JumbfParser.Parse(jumbf);
        if (top.Count == 0 || !top[0].IsSuperbox || top[0].Label != "c2pa")
        {
            throw new FormatException("the JUMBF does not start with a superbox labelled \"c2pa\"");
        }

        var manifests = top[0].Superboxes
            .Where(b => b.Label is { } l && (l.StartsWith("urn:", StringComparison.Ordinal) || l.Contains(":urn:", StringComparison.Ordinal)))
            .Select(b => new ManifestBox(b.Label!, b))
            .ToList();
        return new ManifestStore(jumbf, manifests);
    }
}

/// <summary>One manifest superbox: its label and its boxes.</summary>
internal sealed record ManifestBox(string Label, JumbfBox Box)
{
    public IEnumerable<JumbfBox> Claims => Box.Superboxes.Where(b => b.Label is "c2pa.claim.v2" or "c2pa.claim");

    public JumbfBox? Signature => Box.Superboxes.FirstOrDefault(b => b.Label == "c2pa.signature");

    /// <summary>
    /// An update manifest (description UUID <c>c2um</c>, §11.1.4.2) changes only assertions and
    /// carries no hard binding of its own.
    /// </summary>
    public bool IsUpdate(ReadOnlySpan<byte> store) =>
        Box.Children.Count > 0 && Box.Children[0].ContentLength >= 4 && Box.Children[0].Content(store)[..4].SequenceEqual("c2um"u8);

    public JumbfBox? AssertionStore => Box.Superboxes.FirstOrDefault(b => b.Label == "c2pa.assertions");

    public JumbfBox? Assertion(string label) => AssertionStore?.Superboxes.FirstOrDefault(b => b.Label == label);

    /// <summary>The first content box of a superbox with the given type (<c>cbor</c>, <c>json</c>).</summary>
    public static JumbfBox? ContentBox(JumbfBox superbox, string type) =>
        superbox.Children.Skip(1).FirstOrDefault(c => c.Type == type);
}
