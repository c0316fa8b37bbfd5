using System.Text;
using System.Text.Json;
using Takt.Domain.Rights;

namespace Takt.Domain.Datasets;

public sealed partial record DatasetRecipe
{
    /// <summary>
    /// The recipe with every default spelled out, in a fixed field order: what a manifest records and
    /// what a rebuild parses back (<see cref="Parse"/> of this text gives an equal recipe).
    /// </summary>
    public string ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("tenant", Tenant);
            json.WriteString("purpose", Purposes.Name(Purpose));
            json.WriteStartObject("selection");
            Strings(json, "projects", Selection.Projects);
            Strings(json, "scenes", Selection.Scenes);
            Strings(json, "cuts", Selection.Cuts);
            Strings(json, "layerKinds", Selection.LayerKinds);
            Strings(json, "tags", Selection.Tags);
            json.WriteEndObject();
            var t = Target;
            json.WriteStartObject("target");
            json.WriteString("format", DatasetFormats.Name(t.Format));
            json.WriteString("resolution", t.Resolution.ToString());
            json.WriteString("bucketRule", t.BucketRule.ToString().ToLowerInvariant());
            json.WriteNumber("bucketStep", t.BucketStep);
            json.WriteNumber("minBucket", t.MinBucket);
            json.WriteNumber("maxBucket", t.MaxBucket);
            json.WriteNumber("bitDepth", t.BitDepth);
            json.WriteString("colour", t.Colour.ToString().ToLowerInvariant());
            json.WriteString("background", t.Background.ToUpperInvariant());
            json.WriteString("captions", t.Captions switch { CaptionSource.ArchiveText => "archive-text", CaptionSource.CaptionFile => "caption-file", _ => "layer-metadata" });
            if (t.CaptionFile is not null)
            {
                json.WriteString("captionFile", t.CaptionFile);
            }

            json.WriteString("concept", Concept);
            json.WriteNumber("repeats", t.Repeats);
            if (t.Conditioning is not null)
            {
                json.WriteString("conditioning", t.Conditioning);
            }

            json.WriteBoolean("masks", t.Masks);
            json.WriteNumber("shardMaxBytes", t.ShardMaxBytes);
            json.WriteNumber("clipFrames", t.ClipFrames);
            json.WriteNumber("fps", t.Fps);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
