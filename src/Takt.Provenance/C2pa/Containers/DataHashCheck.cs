using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>Verifies a <c>c2pa.hash.data</c> binding by streaming the file once, skipping its exclusions.</summary>
internal static class DataHashCheck
{
    public static async Task<BindingCheck> VerifyAsync(Stream asset, string label, ReadOnlyMemory<byte> assertionCbor, CancellationToken cancellationToken)
    {
        if (label != DataHashAssertion.Label)
        {
            return DataHashAssertion.Malformed($"'{label}' is not a binding this container checks");
        }

        IReadOnlyList<HashExclusion> exclusions;
        byte[] expected;
        string alg;
        try
        {
            (exclusions, expected, alg) = DataHashAssertion.Decode(assertionCbor);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            return DataHashAssertion.Malformed($"c2pa.hash.data cannot be read: {e.Message}");
        }

        if (alg != "sha256")
        {
            return DataHashAssertion.Malformed($"c2pa.hash.data uses '{alg}', which Takt does not check");
        }

        if (exclusions.Any(e => e.Start > asset.Length || e.Length > asset.Length - e.Start))
        {
            return DataHashAssertion.Compare(expected, []);
        }

        var actual = await RangeHasher.HashAsync(asset, exclusions, cancellationToken);
        return DataHashAssertion.Compare(expected, actual);
    }
}
