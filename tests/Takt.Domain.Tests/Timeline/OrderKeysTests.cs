using CsCheck;
using Takt.Domain.Timeline;

namespace Takt.Domain.Tests.Timeline;

public sealed class OrderKeysTests
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly Gen<string> ValidKey =
        Gen.Char[Digits].Array[0, 6].Select(Gen.Char[Digits[1..]], (body, last) => new string(body) + last);

    [Fact]
    public void Between_RandomValidPair_IsValidAndStrictlyBetween()
    {
        Gen.Select(ValidKey, ValidKey).Where(p => !string.Equals(p.Item1, p.Item2, StringComparison.Ordinal)).Sample((x, y) =>
        {
            var (low, high) = string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);
            var key = OrderKeys.Between(low, high);
            Assert.True(OrderKeys.IsValid(key), key);
            Assert.True(string.CompareOrdinal(low, key) < 0 && string.CompareOrdinal(key, high) < 0, $"{low} < {key} < {high}");
        });
    }

    [Fact]
    public void Between_OpenSides_StayOnTheirSide()
    {
        ValidKey.Sample(key =>
        {
            var after = OrderKeys.Between(key, null);
            var before = OrderKeys.Between(null, key);
            Assert.True(OrderKeys.IsValid(after) && string.CompareOrdinal(key, after) < 0, after);
            Assert.True(OrderKeys.IsValid(before) && string.CompareOrdinal(before, key) < 0, before);
        });
    }

    [Fact]
    public void Between_RandomInsertPositions_KeepTheListSortedAndDistinct()
    {
        Gen.Int[0, 1000].Array[1, 200].Sample(positions =>
        {
            var keys = new List<string>();
            foreach (var p in positions)
            {
                var index = p % (keys.Count + 1);
                var key = OrderKeys.Between(index > 0 ? keys[index - 1] : null, index < keys.Count ? keys[index] : null);
                keys.Insert(index, key);
            }

            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Fact]
    public void Between_TypicalEdits_KeepKeysShort()
    {
        // Appends (the common case) and prepends grow by a digit every ~30 items, not every ~6.
        var appended = OrderKeys.Sequence(null, null, 1000);
        Assert.True(appended[^1].Length <= 34, appended[^1]);

        string? first = null;
        for (var i = 0; i < 1000; i++)
        {
            first = OrderKeys.Between(null, first);
        }

        Assert.True(first!.Length <= 34, first);

        // Always inserting at the same spot is the worst case: about one digit per 5.9 inserts (log2 62).
        string low = "V", high = "W";
        for (var i = 0; i < 300; i++)
        {
            high = OrderKeys.Between(low, high);
        }

        Assert.True(high.Length <= 60, high);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("V0")]
    [InlineData("a-b")]
    [InlineData("é")]
    public void IsValid_BadKeys_False(string? key) => Assert.False(OrderKeys.IsValid(key));

    [Fact]
    public void Between_BoundsOutOfOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => OrderKeys.Between("b", "a"));
        Assert.Throws<ArgumentException>(() => OrderKeys.Between("a", "a"));
        Assert.Throws<ArgumentException>(() => OrderKeys.Between("a0", null));
    }
}
