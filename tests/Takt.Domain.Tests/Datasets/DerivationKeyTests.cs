using CsCheck;
using Takt.Domain.Datasets;

namespace Takt.Domain.Tests.Datasets;

public sealed class DerivationKeyTests
{
    private static readonly Gen<string> Text = Gen.Char["ab 1\n=:\"{}"].Array[0, 6].Select(c => new string(c));

    private static readonly Gen<Dictionary<string, string>> Tools =
        Gen.Select(Text, Text).Array[0, 4].Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    private static readonly Gen<(string Source, string Transform, Dictionary<string, string> Tools, int Consent)> Inputs =
        Gen.Select(Text, Text, Tools, Gen.Int[0, 5]);

    [Fact]
    public void Compute_EqualInputs_GiveTheSameLowercaseSha256()
    {
        Inputs.Sample((source, transform, tools, consent) =>
        {
            var key = DerivationKey.Compute(source, transform, tools, consent);
            Assert.Equal(key, DerivationKey.Compute(source, transform, new Dictionary<string, string>(tools), consent));
            Assert.Matches("^[0-9a-f]{64}$", key);
        });
    }

    [Fact]
    public void Compute_ToolOrder_DoesNotMatter()
    {
        Inputs.SelectMany(i => Gen.Shuffle(i.Tools.ToArray()).Select(shuffled => (i, shuffled))).Sample((inputs, shuffled) =>
        {
            var reordered = new Dictionary<string, string>();
            foreach (var (tool, version) in shuffled)
            {
                reordered[tool] = version;
            }

            Assert.Equal(
                DerivationKey.Compute(inputs.Source, inputs.Transform, inputs.Tools, inputs.Consent),
                DerivationKey.Compute(inputs.Source, inputs.Transform, reordered, inputs.Consent));
        });
    }

    [Fact]
    public void Compute_AnyPartChanged_ChangesTheKey()
    {
        Gen.Select(Inputs, Inputs).Sample((a, b) =>
        {
            var same = a.Source == b.Source && a.Transform == b.Transform && a.Consent == b.Consent
                && a.Tools.Count == b.Tools.Count && a.Tools.All(t => b.Tools.TryGetValue(t.Key, out var v) && v == t.Value);
            Assert.Equal(same, DerivationKey.Compute(a.Source, a.Transform, a.Tools, a.Consent) == DerivationKey.Compute(b.Source, b.Transform, b.Tools, b.Consent));
        });
    }

    [Fact]
    public void Compute_EachPart_IsPartOfTheKey()
    {
        var tools = new Dictionary<string, string> { ["libvips"] = "8.18.7", ["zlib"] = "1.3.1" };
        var key = DerivationKey.Compute("aa", "{}", tools, 1);

        Assert.NotEqual(key, DerivationKey.Compute("ab", "{}", tools, 1));
        Assert.NotEqual(key, DerivationKey.Compute("aa", "{ }", tools, 1));
        Assert.NotEqual(key, DerivationKey.Compute("aa", "{}", tools, 2));
        Assert.NotEqual(key, DerivationKey.Compute("aa", "{}", new Dictionary<string, string> { ["libvips"] = "8.18.8", ["zlib"] = "1.3.1" }, 1));
        Assert.NotEqual(key, DerivationKey.Compute("aa", "{}", new Dictionary<string, string> { ["libvips"] = "8.18.7" }, 1));
        Assert.NotEqual(key, DerivationKey.Compute("aa", "{}", new Dictionary<string, string> { ["libvips"] = "8.18.7", ["zlib"] = "1.3.1", ["libwebp"] = "1.5" }, 1));
    }

    [Fact]
    public void Compute_PartsThatRunTogether_StillGiveDifferentKeys()
    {
        // A tool name with a space, or a transform with a line break, must not be read as two parts.
        Assert.NotEqual(
            DerivationKey.Compute("s", "{}", new Dictionary<string, string> { ["a b"] = "c" }, 1),
            DerivationKey.Compute("s", "{}", new Dictionary<string, string> { ["a"] = "b c" }, 1));
        Assert.NotEqual(
            DerivationKey.Compute("s", "{}\ntool x 1", new Dictionary<string, string>(), 1),
            DerivationKey.Compute("s", "{}", new Dictionary<string, string> { ["x"] = "1" }, 1));
    }
}
