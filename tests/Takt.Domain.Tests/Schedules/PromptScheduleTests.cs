using System.Text;
using CsCheck;
using Takt.Domain.Schedules;

namespace Takt.Domain.Tests.Schedules;

public sealed class PromptScheduleTests
{
    private static PromptSchedule Fizz(string text, int maxFrames = 61, PromptBlend mode = PromptBlend.Blended)
    {
        Assert.True(PromptSchedule.TryParseFizzNodes(text, maxFrames, mode, out var schedule, out var error), error?.ToString());
        return schedule!;
    }

    [Fact]
    public void At_Blended_UsesFizzNodesWeights()
    {
        var schedule = Fizz("\"0\": \"a cat\",\n\"30\": \"a dog\",\n");
        Assert.Equal(new PromptFrame("a cat", "a cat", 1), schedule.At(0));
        Assert.Equal(new PromptFrame("a cat", "a dog", 0.5), schedule.At(15));
        Assert.Equal(new PromptFrame("a cat", "a dog", 1 - (10 / 30.0)), schedule.At(10));
        Assert.Equal(new PromptFrame("a dog", "a dog", 1), schedule.At(30));
        Assert.Equal(new PromptFrame("a dog", "a dog", 1), schedule.At(1000));
        Assert.Equal(61, schedule.Evaluate(61).Length);
    }

    [Fact]
    public void At_Held_NeverBlends()
    {
        var schedule = Fizz("\"10\": \"a cat\", \"max_f/2\": \"a dog\"", mode: PromptBlend.Held);
        Assert.Equal([10, 30], schedule.Keys.Select(k => k.Frame));
        Assert.Equal(new PromptFrame("a cat", "a cat", 1), schedule.At(0));
        Assert.Equal(new PromptFrame("a cat", "a cat", 1), schedule.At(29));
        Assert.Equal(new PromptFrame("a dog", "a dog", 1), schedule.At(30));
    }

    [Theory]
    [InlineData("\"0\": \"a cat\" \"30\": \"a dog\"", "\"30\"", "not a valid prompt map")]
    [InlineData("\"0\": \"a cat\",\n\"t+os\": \"a dog\"", "os", "frame: unknown name 'os'")]
    [InlineData("\"0\": \"a cat\", \"30\": 5", "5", "must be a string")]
    [InlineData("\"0\": \"a cat\", \"0\": \"a dog\"", "\"0\": \"a dog", "frame 0 has two prompts")]
    public void Parse_BadText_PointsAtTheCharacter(string text, string at, string message)
    {
        Assert.False(PromptSchedule.TryParseFizzNodes(text, 61, PromptBlend.Blended, out _, out var error));
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
        var expected = text.LastIndexOf(at, StringComparison.Ordinal);
        // A key's offset is the first character inside its quotes.
        Assert.True(error.Offset == expected || error.Offset == expected + 1, $"{error} but expected {expected}");
    }

    [Fact]
    public void PromptMap_ReadsDeforumStyleJson()
    {
        Assert.True(PromptSchedule.TryParsePromptMap("{\"0\": \"a cat --neg blurry\", \"32\": \"a dog\"}"u8, 64, PromptBlend.Held, out var schedule, out var error), error?.ToString());
        Assert.Equal("a cat --neg blurry", schedule!.At(31).Current);
        Assert.False(PromptSchedule.TryParsePromptMap("[\"a cat\"]"u8, 64, PromptBlend.Held, out _, out error));
        Assert.Contains("object", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ThenImport_RoundTrips() =>
        Gen.Select(Gen.Int[0, 500], Gen.String).Array[1, 8].Sample(pairs =>
        {
            var keys = pairs.DistinctBy(p => p.Item1).Select(p => new PromptKey(p.Item1, p.Item2)).ToList();
            Assert.True(PromptSchedule.TryCreate(keys, PromptBlend.Blended, out var schedule, out _));
            Assert.True(PromptSchedule.TryParseFizzNodes(schedule!.ToFizzNodesText(), 501, PromptBlend.Blended, out var fromText, out var error), error?.ToString());
            Assert.True(PromptSchedule.TryParsePromptMap(schedule.ToPromptMap(), 501, PromptBlend.Blended, out var fromMap, out error), error?.ToString());
            return fromText!.Keys.SequenceEqual(schedule.Keys) && fromMap!.Keys.SequenceEqual(schedule.Keys)
                && Encoding.UTF8.GetString(fromMap.ToPromptMap()) == Encoding.UTF8.GetString(schedule.ToPromptMap());
        });
}
