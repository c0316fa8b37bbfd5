using System.Formats.Cbor;
using Takt.Domain.Consent;
using Takt.Domain.Rights;

namespace Takt.Archive.Signals;

/// <summary>
/// Reads CAWG <c>cawg.training-mining</c> (and legacy C2PA 1.4 <c>c2pa.training-mining</c>)
/// assertions from the active manifest of a C2PA store embedded in a PNG or JPEG.
/// The claim signature is not validated here, so every grant says so in its evidence.
/// </summary>
public static class C2paTrainingMiningReader
{
    private static readonly string[] AssertionLabels = ["cawg.training-mining", "c2pa.training-mining"];

    /// <summary>An assertion's CBOR is a few hundred bytes; a bigger one is not worth decoding.</summary>
    private const int MaxCborBytes = 1024 * 1024;

    public static EmbeddedConsent Read(ReadOnlySpan<byte> file, DateTimeOffset at)
    {
        var warnings = new List<string>();
        byte[]? store;
        try
        {
            store = C2paManifestLocator.Find(file, warnings);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // The locators bounds-check every length; this is a last fence so a bug never aborts an ingest.
            warnings.Add($"C2PA manifest could not be located: {ex.Message}");
            return new EmbeddedConsent([], warnings);
        }

        if (store is null)
        {
            return new EmbeddedConsent([], warnings);
        }

        try
        {
            var grants = ReadStore(store, at, warnings);
            return new EmbeddedConsent(grants, warnings);
        }
        catch (FormatException ex)
        {
            warnings.Add($"C2PA manifest store is corrupt: {ex.Message}");
            return new EmbeddedConsent([], warnings);
        }
    }

    private static List<ConsentGrant> ReadStore(byte[] store, DateTimeOffset at, List<string> warnings)
    {
        var roots = JumbfParser.Parse(store);
        var storeBox = roots.FirstOrDefault(b => b.IsSuperbox && b.Label == "c2pa")
            ?? throw new FormatException("no JUMBF superbox labelled 'c2pa'");

        // The active manifest is the last one in the store (C2PA §11.1.4.2); earlier ones are history.
        var manifest = storeBox.Superboxes.LastOrDefault()
            ?? throw new FormatException("the manifest store holds no manifest");
        var assertionStore = manifest.Superboxes.FirstOrDefault(b => b.HasLabel("c2pa.assertions"));
        if (assertionStore is null)
        {
            warnings.Add($"C2PA manifest '{manifest.Label}' has no assertion store");
            return [];
        }

        var grants = new List<ConsentGrant>();
        foreach (var assertion in assertionStore.Superboxes.Where(b => AssertionLabels.Any(b.HasLabel)))
        {
            var cbor = assertion.Children.FirstOrDefault(c => c.Type == "cbor");
            if (cbor is null)
            {
                warnings.Add($"C2PA assertion '{assertion.Label}' has no cbor content box");
                continue;
            }

            if (cbor.ContentLength > MaxCborBytes)
            {
                warnings.Add($"C2PA assertion '{assertion.Label}' is {cbor.ContentLength} bytes; larger than {MaxCborBytes}, not read");
                continue;
            }

            var evidence = $"unverified C2PA manifest {manifest.Label}, assertion {assertion.Label}";
            try
            {
                foreach (var entry in TrainingMiningCbor.ReadEntries(cbor.Content(store).ToArray()))
                {
                    grants.AddRange(ExternalConsentSignals
                        .FromTrainingMiningEntry(entry.Key, entry.Use, entry.ConstraintInfo, at, ConsentSource.C2paAssertion)
                        .Select(g => g with { Evidence = $"{g.Evidence} ({evidence})" }));
                }
            }
            catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException)
            {
                warnings.Add($"C2PA assertion '{assertion.Label}' has invalid CBOR: {ex.Message}");
            }
        }

        return grants;
    }
}
