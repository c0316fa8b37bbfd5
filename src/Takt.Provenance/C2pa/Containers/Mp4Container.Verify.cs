using System.Buffers;
using System.Security.Cryptography;
using Takt.Provenance.C2pa.Containers.Bmff;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.C2pa.Containers;

public sealed partial class Mp4Container
{
    public async Task<BindingCheck> VerifyBindingAsync(Stream asset, string label, ReadOnlyMemory<byte> assertionCbor, CancellationToken cancellationToken)
    {
        if (LabelVersion(label) is not { } version)
        {
            return Malformed($"'{label}' is not a BMFF hash assertion.");
        }

        BmffHashAssertion assertion;
        try
        {
            assertion = BmffHashAssertion.FromCbor(assertionCbor);
        }
        catch (C2paFormatException e)
        {
            return Malformed(e.Message);
        }

        if (CheckShape(assertion) is { } problem)
        {
            return Malformed(problem);
        }

        if (assertion.HasMerkle)
        {
            return Fail(ValidationCodes.GeneralError, "BMFF hashes with merkle trees (fragmented or chunked media) are not verified by Takt yet.");
        }

        var alg = assertion.Alg ?? "sha256";
        HashAlgorithmName? algorithm = alg switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (algorithm is null)
        {
            return Fail(ValidationCodes.AlgorithmUnsupported, $"The BMFF hash uses the unsupported algorithm '{alg}'.");
        }

        byte[] computed;
        try
        {
            computed = await HashAssetAsync(asset, assertion.Exclusions, version > 1, algorithm.Value, cancellationToken);
        }
        catch (C2paFormatException e)
        {
            // c2pa-rs reports a file it cannot lay the exclusions over as a hash mismatch too.
            return Fail(ValidationCodes.AssertionBmffHashMismatch, e.Message);
        }

        return computed.AsSpan().SequenceEqual(assertion.Hash)
            ? new BindingCheck([new ValidationStatus(ValidationCodes.AssertionBmffHashMatch, ValidationStatusKind.Success, null, "The BMFF hash matches the asset.")])
            : Fail(ValidationCodes.AssertionBmffHashMismatch, "The BMFF hash does not match the asset.");
    }

    /// <summary>Hashes the asset in one streamed pass after laying the exclusions over its box tree.</summary>
    internal static async Task<byte[]> HashAssetAsync(Stream asset, IReadOnlyList<BmffExclusion> exclusions, bool hashOffsets, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        var tree = await BmffBoxReader.ReadTreeAsync(asset, cancellationToken);
        async ValueTask<byte[]> Read(long offset, int count, CancellationToken token)
        {
            var bytes = new byte[count];
            asset.Position = offset;
            await asset.ReadExactlyAsync(bytes, token);
            return bytes;
        }

        var (ranges, offsets) = await BmffExclusionResolver.ResolveAsync(tree, exclusions, Read, cancellationToken);
        var plan = BmffHashPlan.Build(asset.Length, ranges, hashOffsets ? offsets : []);
        using var hasher = new BmffHasher(plan, algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(BmffConstants.CopyBufferSize);
        try
        {
            asset.Position = 0;
            int read;
            while ((read = await asset.ReadAsync(buffer.AsMemory(0, BmffConstants.CopyBufferSize), cancellationToken)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hasher.Finish();
    }

    /// <summary>1 for <c>c2pa.hash.bmff</c>, 2 or 3 for the versioned labels (an instance suffix <c>__n</c> allowed); null otherwise.</summary>
    private static int? LabelVersion(string label)
    {
        var suffix = label.IndexOf("__", StringComparison.Ordinal);
        var bare = suffix >= 0 ? label[..suffix] : label;
        return bare switch
        {
            "c2pa.hash.bmff" => 1,
            "c2pa.hash.bmff.v2" => 2,
            "c2pa.hash.bmff.v3" => 3,
            _ => null,
        };
    }

    /// <summary>c2pa-rs's <c>verify_self</c>: exclusions present, subsets in order and not overlapping; plus a hash to compare.</summary>
    private static string? CheckShape(BmffHashAssertion assertion)
    {
        if (assertion.Exclusions.Count == 0)
        {
            return "The BMFF hash has no exclusions.";
        }

        foreach (var subsets in assertion.Exclusions.Select(e => e.Subset).OfType<IReadOnlyList<BmffSubset>>())
        {
            for (var i = 0; i + 1 < subsets.Count; i++)
            {
                if (subsets[i].Offset > subsets[i + 1].Offset)
                {
                    return "The subsets of a BMFF hash exclusion are not ordered by offset.";
                }

                if (subsets[i].Offset > ulong.MaxValue - subsets[i].Length || subsets[i].Offset + subsets[i].Length > subsets[i + 1].Offset)
                {
                    return "The subsets of a BMFF hash exclusion overlap.";
                }
            }
        }

        if (assertion.Hash is null && !assertion.HasMerkle)
        {
            return "The BMFF hash has neither a hash nor a merkle tree.";
        }

        return null;
    }

    private static BindingCheck Malformed(string explanation) => Fail(ValidationCodes.AssertionBmffHashMalformed, explanation);

    private static BindingCheck Fail(string code, string explanation) =>
        new([new ValidationStatus(code, ValidationStatusKind.Failure, null, explanation)]);
}
