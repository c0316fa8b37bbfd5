using Takt.Domain.Timeline.Otio;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Tests.Timeline.Otio;

/// <summary>The OTIO sample corpus copied into the test output (Fixtures/otio, see its README).</summary>
internal static class OtioFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "otio");

    public static IEnumerable<string> SampleNames =>
        System.IO.Directory.EnumerateFiles(Directory, "*.otio").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static OtioTimeline Timeline(string name) => OtioReader.ReadTimeline(Text(name));

    /// <summary>A baseline with its <c>{"FROM_TEST_FILE": "x.json"}</c> placeholders replaced by the files' content.</summary>
    public static OtioJsonValue Baseline(string name)
    {
        var value = OtioJsonReader.Parse(File.ReadAllText(Path.Combine(Directory, "baselines", name)));
        return Resolve(value);
    }

    private static OtioJsonValue Resolve(OtioJsonValue value) => value.Kind switch
    {
        OtioJsonKind.Map when value["FROM_TEST_FILE"] is { } file => Baseline(file.AsString()),
        OtioJsonKind.Map => OtioJsonValue.FromObject(value.Properties.Select(p => new KeyValuePair<string, OtioJsonValue>(p.Key, Resolve(p.Value))).ToList()),
        OtioJsonKind.Array => OtioJsonValue.FromArray(value.Items.Select(Resolve).ToList()),
        _ => value,
    };
}
