namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// A piece of media in a track (OTIO's Clip.2): several named media references (takes, proxies, a generator
/// recipe) of which <see cref="ActiveMediaReferenceKey"/> is the one in use.
/// </summary>
public sealed class Clip : Item
{
    public const string DefaultMediaKey = "DEFAULT_MEDIA";

    public override string SchemaName => "Clip";

    /// <summary>Named references in file order; never empty once read, and always containing the active key.</summary>
    public List<KeyValuePair<string, MediaReference>> MediaReferences { get; } = [new(DefaultMediaKey, new MissingReference())];

    public string ActiveMediaReferenceKey { get; set; } = DefaultMediaKey;

    /// <summary>The active reference; setting it replaces the entry under the active key.</summary>
    public MediaReference MediaReference
    {
        get
        {
            foreach (var (key, reference) in MediaReferences)
            {
                if (string.Equals(key, ActiveMediaReferenceKey, StringComparison.Ordinal))
                {
                    return reference;
                }
            }

            throw new InvalidOperationException($"clip '{Name}' has no media reference '{ActiveMediaReferenceKey}'");
        }

        set
        {
            var index = MediaReferences.FindIndex(p => string.Equals(p.Key, ActiveMediaReferenceKey, StringComparison.Ordinal));
            var entry = new KeyValuePair<string, MediaReference>(ActiveMediaReferenceKey, value);
            if (index >= 0)
            {
                MediaReferences[index] = entry;
            }
            else
            {
                MediaReferences.Add(entry);
            }
        }
    }

    /// <summary>The active reference's available range.</summary>
    /// <exception cref="InvalidOperationException">the reference does not know its range.</exception>
    public override TimeRange AvailableRange() =>
        MediaReference.AvailableRange
        ?? throw new InvalidOperationException($"clip '{Name}' has no source range and its media reference has no available range");
}
