using Takt.Domain.Datasets;
using Takt.Domain.Rights;

namespace Takt.Domain.Tests.Datasets;

public sealed class DatasetRecipeTests
{
    private static string Recipe(string target, string extra = "") =>
        $$"""{ "name": "mei-v1", "tenant": "kumo", {{extra}} "target": {{target}} }""";

    private static DatasetRecipeException Fails(string json) => Assert.Throws<DatasetRecipeException>(() => DatasetRecipe.Parse(json));

    private static void FailsNaming(string json, params string[] fragments)
    {
        var message = Fails(json).Message;
        Assert.All(fragments, f => Assert.Contains(f, message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MinimalKohya_TakesTheDefaults()
    {
        var recipe = DatasetRecipe.Parse(Recipe("""{ "format": "kohya" }"""));

        Assert.Equal("mei-v1", recipe.Name);
        Assert.Equal("kumo", recipe.Tenant);
        Assert.Equal(Purpose.GenerativeTraining, recipe.Purpose);
        Assert.Equal("mei-v1", recipe.Concept);
        Assert.False(recipe.IsSharedPool);
        Assert.Empty(recipe.Selection.Projects);
        Assert.Equal(new TargetSpec { Format = DatasetFormat.Kohya }, recipe.Target);
    }

    [Theory]
    [InlineData("kohya", BucketRule.Kohya, 64)]
    [InlineData("webdataset", BucketRule.Kohya, 64)]
    [InlineData("onetrainer", BucketRule.OneTrainer, 64)]
    [InlineData("imagefolder", BucketRule.Fixed, 64)]
    [InlineData("video-clips", BucketRule.Musubi, 16)]
    [InlineData(" Video-Clips ", BucketRule.Musubi, 16)]
    public void Parse_Format_DefaultsTheBucketRuleAndStep(string format, BucketRule rule, int step)
    {
        var target = DatasetRecipe.Parse(Recipe($$"""{ "format": "{{format}}" }""")).Target;

        Assert.Equal(rule, target.BucketRule);
        Assert.Equal(step, target.BucketStep);
        Assert.Equal(rule, TargetSpecs.DefaultRule(target.Format));
    }

    [Fact]
    public void Parse_EveryField_IsRead()
    {
        var recipe = DatasetRecipe.Parse("""
            {
              // comments and trailing commas are allowed
              "name": "mei_v2", "tenant": "shared-pool", "purpose": "generative-training",
              "selection": { "projects": ["b", "a", "a"], "scenes": "s01", "cuts": ["s01/c003"], "layerKinds": ["genga", "Line-Art"], "tags": ["mei"] },
              "target": {
                "format": "onetrainer", "resolution": "1024x1024", "bucketRule": "kohya", "bucketStep": 32, "minBucket": 320, "maxBucket": 1536,
                "bitDepth": 16, "colour": "GREY", "background": "#102030", "captions": "caption-file", "captionFile": "captions.json",
                "concept": "mei chan", "repeats": 3, "conditioning": "sen", "masks": true, "shardMaxBytes": 2097152, "clipFrames": 49, "fps": 30,
              },
            }
            """);

        Assert.True(recipe.IsSharedPool);
        Assert.Equal(["a", "b"], recipe.Selection.Projects);
        Assert.Equal(["s01"], recipe.Selection.Scenes);
        Assert.Equal(["key-drawing", "line-art"], recipe.Selection.LayerKinds);
        Assert.Equal("mei chan", recipe.Concept);
        Assert.Equal(
            new TargetSpec
            {
                Format = DatasetFormat.OneTrainer,
                Resolution = new PixelSize(1024, 1024),
                BucketRule = BucketRule.Kohya,
                BucketStep = 32,
                MinBucket = 320,
                MaxBucket = 1536,
                BitDepth = 16,
                Colour = ColourMode.Grey,
                Background = "#102030",
                Captions = CaptionSource.CaptionFile,
                CaptionFile = "captions.json",
                Concept = "mei chan",
                Repeats = 3,
                Conditioning = "line-art",
                Masks = true,
                ShardMaxBytes = 2097152,
                ClipFrames = 49,
                Fps = 30,
            },
            recipe.Target);
    }

    [Fact]
    public void Parse_ResolutionAsOneSide_IsSquare()
    {
        Assert.Equal(new PixelSize(768, 768), DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "resolution": 768 }""")).Target.Resolution);
    }

    [Theory]
    [InlineData("""{ "name": "a", "tenant": "t", "target": { "format": "kohya" }, "nmae": 1 }""", "'recipe.nmae'")]
    [InlineData("""{ "name": "a", "tenant": "t", "target": { "format": "kohya", "resolutoin": 512 } }""", "'target.resolutoin'")]
    [InlineData("""{ "name": "a", "tenant": "t", "selection": { "scene": "x" }, "target": { "format": "kohya" } }""", "'selection.scene'")]
    public void Parse_UnknownField_IsNamed(string json, string field)
    {
        FailsNaming(json, "unknown field", field);
    }

    [Theory]
    [InlineData("""{ "tenant": "t", "target": { "format": "kohya" } }""", "'name' is required")]
    [InlineData("""{ "name": null, "tenant": "t", "target": { "format": "kohya" } }""", "'name' is required")]
    [InlineData("""{ "name": "", "tenant": "t", "target": { "format": "kohya" } }""", "'name' must be")]
    [InlineData("""{ "name": "a b", "tenant": "t", "target": { "format": "kohya" } }""", "'name' must be")]
    [InlineData("""{ "name": 3, "tenant": "t", "target": { "format": "kohya" } }""", "'name' must be a string")]
    [InlineData("""{ "name": "a", "target": { "format": "kohya" } }""", "'tenant' is required")]
    [InlineData("""{ "name": "a", "tenant": "", "target": { "format": "kohya" } }""", "'tenant'")]
    [InlineData("""{ "name": "a", "tenant": "  ", "target": { "format": "kohya" } }""", "'tenant'")]
    [InlineData("""{ "name": "a", "tenant": "t" }""", "'target' is required")]
    [InlineData("""{ "name": "a", "tenant": "t", "target": null }""", "'target' must be a JSON object")]
    [InlineData("""{ "name": "a", "tenant": "t", "target": {} }""", "'target.format' is required")]
    [InlineData("""{ "name": "a", "tenant": "t", "target": { "format": "diffusers" } }""", "'target.format' 'diffusers' is not one of")]
    [InlineData("""{ "name": "a", "tenant": "t", "purpose": "fun", "target": { "format": "kohya" } }""", "'purpose' 'fun'")]
    [InlineData("""{ "name": "a", "tenant": "t", "selection": [], "target": { "format": "kohya" } }""", "'selection' must be a JSON object")]
    [InlineData("""{ "name": "a", "tenant": "t", "selection": { "tags": [1] }, "target": { "format": "kohya" } }""", "'selection.tags'")]
    [InlineData("""{ "name": "a", "tenant": "t", "selection": { "layerKinds": ["sky"] }, "target": { "format": "kohya" } }""", "'selection.layerKinds'", "'sky'")]
    [InlineData("[]", "'recipe' must be a JSON object")]
    [InlineData("{", "not valid JSON")]
    public void Parse_BadRecipe_NamesTheField(string json, params string[] fragments)
    {
        FailsNaming(json, fragments);
    }

    [Theory]
    [InlineData("""{ "format": "kohya", "resolution": "big" }""", "'target.resolution'")]
    [InlineData("""{ "format": "kohya", "resolution": -5 }""", "'target.resolution'")]
    [InlineData("""{ "format": "kohya", "resolution": 512.5 }""", "'target.resolution'")]
    [InlineData("""{ "format": "kohya", "resolution": "0x512" }""", "'target.resolution'")]
    [InlineData("""{ "format": "kohya", "resolution": 32 }""", "'resolution' 32x32 must be between 64 and 16384")]
    [InlineData("""{ "format": "kohya", "resolution": 20000 }""", "'resolution' 20000x20000 must be between 64 and 16384")]
    [InlineData("""{ "format": "imagefolder", "resolution": "1020x1024" }""", "'resolution' 1020x1024 must be divisible by 8")]
    [InlineData("""{ "format": "kohya", "resolution": 4096 }""", "'resolution' 4096x4096 must lie within 'minBucket' 256 and 'maxBucket' 2048")]
    [InlineData("""{ "format": "kohya", "resolution": "2048x128" }""", "'resolution' 2048x128 must lie within")]
    [InlineData("""{ "format": "onetrainer", "resolution": "1344x768" }""", "'resolution' 1344x768 must be square for the onetrainer bucket rule")]
    [InlineData("""{ "format": 3 }""", "'target.format' must be a string")]
    [InlineData("""{ "format": "kohya", "concept": 3 }""", "'target.concept' must be a string")]
    [InlineData("""{ "format": "kohya", "bucketRule": "sdxl" }""", "'target.bucketRule' 'sdxl'")]
    [InlineData("""{ "format": "kohya", "bucketStep": 12 }""", "'bucketStep' 12")]
    [InlineData("""{ "format": "kohya", "bucketStep": "64" }""", "'target.bucketStep' must be a whole number")]
    [InlineData("""{ "format": "kohya", "minBucket": 2048, "maxBucket": 1024 }""", "'minBucket' 2048 and 'maxBucket' 1024")]
    [InlineData("""{ "format": "kohya", "bitDepth": 12 }""", "'bitDepth' 12 must be 8 or 16")]
    [InlineData("""{ "format": "kohya", "bitDepth": 99999999999 }""", "'target.bitDepth' is out of range")]
    [InlineData("""{ "format": "kohya", "colour": "cmyk" }""", "'target.colour' 'cmyk'")]
    [InlineData("""{ "format": "kohya", "background": "white" }""", "'background' 'white' must be #RRGGBB")]
    [InlineData("""{ "format": "kohya", "background": "#12345G" }""", "'background' '#12345G'")]
    [InlineData("""{ "format": "kohya", "background": "# 12345" }""", "'background' '# 12345'")]
    [InlineData("""{ "format": "kohya", "background": "#12345 " }""", "'background' '#12345 '")]
    [InlineData("""{ "format": "kohya", "background": "#+12345" }""", "'background' '#+12345'")]
    [InlineData("""{ "format": "kohya", "captions": "llm" }""", "'target.captions' 'llm'")]
    [InlineData("""{ "format": "kohya", "captions": "caption-file" }""", "'captionFile' is not set")]
    [InlineData("""{ "format": "kohya", "concept": "mei/chan" }""", "'concept' 'mei/chan'")]
    [InlineData("""{ "format": "kohya", "concept": "" }""", "'concept' ''")]
    [InlineData("""{ "format": "kohya", "repeats": 0 }""", "'repeats' 0 must be between 1 and 10000")]
    [InlineData("""{ "format": "imagefolder", "repeats": 2 }""", "imagefolder has no notion of repeats", "'repeats'")]
    [InlineData("""{ "format": "webdataset", "repeats": 2 }""", "webdataset has no notion of repeats", "'repeats'")]
    [InlineData("""{ "format": "kohya", "conditioning": "sky" }""", "'target.conditioning' 'sky'")]
    [InlineData("""{ "format": "kohya", "masks": "yes" }""", "'target.masks' must be true or false")]
    [InlineData("""{ "format": "kohya", "masks": true }""", "kohya reads masks from the image's own alpha", "'masks'")]
    [InlineData("""{ "format": "onetrainer", "masks": true, "colour": "rgba" }""", "'masks'", "rgba")]
    [InlineData("""{ "format": "video-clips", "masks": true }""", "video-clips cannot carry masks")]
    [InlineData("""{ "format": "video-clips", "conditioning": "line-art" }""", "video-clips cannot carry a conditioning image")]
    [InlineData("""{ "format": "webdataset", "shardMaxBytes": 1000 }""", "'shardMaxBytes' 1000")]
    [InlineData("""{ "format": "video-clips", "clipFrames": 32 }""", "'clipFrames' 32 must be 4k+1")]
    [InlineData("""{ "format": "video-clips", "clipFrames": 1 }""", "'clipFrames' 1 must be 4k+1")]
    [InlineData("""{ "format": "video-clips", "clipFrames": 1029 }""", "'clipFrames' 1029 must be 4k+1")]
    [InlineData("""{ "format": "video-clips", "fps": 0 }""", "'fps' 0 must be between 1 and 120")]
    [InlineData("""{ "format": "video-clips", "bitDepth": 16 }""", "video-clips are 8-bit RGB", "'bitDepth'")]
    [InlineData("""{ "format": "video-clips", "colour": "rgba" }""", "video-clips are 8-bit RGB", "'colour'")]
    public void Parse_BadTarget_NamesTheField(string target, params string[] fragments)
    {
        FailsNaming(Recipe(target), fragments);
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReportedAtOnce()
    {
        var message = Fails(Recipe("""{ "format": "video-clips", "clipFrames": 32, "fps": 0, "bitDepth": 12 }""")).Message;

        Assert.Contains("'clipFrames'", message, StringComparison.Ordinal);
        Assert.Contains("'fps'", message, StringComparison.Ordinal);
        Assert.Contains("'bitDepth'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(33)]
    [InlineData(49)]
    [InlineData(81)]
    [InlineData(1025)]
    public void Parse_ClipFrames4kPlus1_IsAccepted(int frames)
    {
        Assert.Equal(frames, DatasetRecipe.Parse(Recipe($$"""{ "format": "video-clips", "clipFrames": {{frames}} }""")).Target.ClipFrames);
    }

    [Fact]
    public void Parse_KohyaResolutionWithinMinAndMaxOffTheStep_IsAccepted()
    {
        var target = DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "resolution": 2048, "minBucket": 300, "maxBucket": 2000 }""")).Target;

        Assert.Equal(new PixelSize(2048, 2048), target.Resolution);
    }

    [Fact]
    public void Parse_LayerKinds_AreCanonicalDistinctAndSorted()
    {
        var selection = DatasetRecipe.Parse(Recipe("""{ "format": "kohya" }""", """ "selection": { "layerKinds": ["Line-Art", "genga", "key", "sen"] }, """)).Selection;

        Assert.Equal(["key-drawing", "line-art"], selection.LayerKinds);
    }

    [Fact]
    public void Parse_ClipFramesOutsideVideo_IsIgnored()
    {
        Assert.Equal(32, DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "clipFrames": 32 }""")).Target.ClipFrames);
    }

    [Fact]
    public void Parse_ExplicitStep_OverridesTheRulesDefault()
    {
        var target = DatasetRecipe.Parse(Recipe("""{ "format": "video-clips", "bucketStep": 32 }""")).Target;

        Assert.Equal(BucketRule.Musubi, target.BucketRule);
        Assert.Equal(32, target.BucketStep);
    }

    [Fact]
    public void Retarget_UnspecifiedFields_AreKept()
    {
        var recipe = DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "resolution": 768, "bitDepth": 16, "concept": "mei", "repeats": 4, "bucketStep": 32 }"""));

        var retargeted = recipe.Retarget("""{ "background": "#000000" }""");

        Assert.Equal(recipe.Target with { Background = "#000000" }, retargeted.Target);
        Assert.Equal(recipe with { Target = retargeted.Target }, retargeted);
    }

    [Fact]
    public void Retarget_NewFormat_RedefaultsTheBucketRuleAndStepButKeepsTheRest()
    {
        var recipe = DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "resolution": "1280x720", "concept": "mei", "bucketStep": 32 }"""));

        var video = recipe.Retarget("""{ "format": "video-clips" }""").Target;

        Assert.Equal(DatasetFormat.VideoClips, video.Format);
        Assert.Equal(BucketRule.Musubi, video.BucketRule);
        Assert.Equal(16, video.BucketStep);
        Assert.Equal(new PixelSize(1280, 720), video.Resolution);
        Assert.Equal("mei", video.Concept);

        var folder = recipe.Retarget("""{ "format": "imagefolder", "resolution": 1024 }""").Target;
        Assert.Equal(BucketRule.Fixed, folder.BucketRule);
        Assert.Equal(64, folder.BucketStep);
    }

    [Fact]
    public void Retarget_SameFormat_KeepsAnExplicitRuleAndStep()
    {
        var recipe = DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "bucketRule": "musubi", "bucketStep": 32 }"""));

        var retargeted = recipe.Retarget("""{ "format": "kohya", "fps": 12 }""").Target;

        Assert.Equal(BucketRule.Musubi, retargeted.BucketRule);
        Assert.Equal(32, retargeted.BucketStep);
    }

    [Fact]
    public void Retarget_NewRule_RedefaultsTheStep()
    {
        var recipe = DatasetRecipe.Parse(Recipe("""{ "format": "kohya" }"""));

        Assert.Equal(16, recipe.Retarget("""{ "bucketRule": "musubi" }""").Target.BucketStep);
    }

    [Theory]
    [InlineData("""{ "format": "imagefolder", "repeats": 3 }""", "'repeats'")]
    [InlineData("""{ "fromat": "kohya" }""", "'target.fromat'")]
    [InlineData("""{ "format": "tar" }""", "'target.format' 'tar'")]
    [InlineData("""[]""", "'target' must be a JSON object")]
    [InlineData("""{""", "the target is not valid JSON")]
    public void Retarget_Bad_NamesTheField(string target, string fragment)
    {
        var recipe = DatasetRecipe.Parse(Recipe("""{ "format": "kohya", "repeats": 3 }"""));

        var message = Assert.Throws<DatasetRecipeException>(() => recipe.Retarget(target)).Message;

        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Defaults_PassForEveryFormat()
    {
        foreach (var format in Enum.GetValues<DatasetFormat>())
        {
            var rule = TargetSpecs.DefaultRule(format);
            TargetSpecs.Check(new TargetSpec { Format = format, BucketRule = rule, BucketStep = TargetSpecs.DefaultStep(rule) });
        }
    }

    [Theory]
    [InlineData("#FFFFFF", 255, 255, 255)]
    [InlineData("#102030", 0x10, 0x20, 0x30)]
    [InlineData("#abcdef", 0xAB, 0xCD, 0xEF)]
    public void TryParseColour_HexTriplet_IsRead(string text, byte r, byte g, byte b)
    {
        Assert.True(TargetSpecs.TryParseColour(text, out var colour));
        Assert.Equal((r, g, b), colour);
    }

    [Theory]
    [InlineData("FFFFFF")]
    [InlineData("#FFF")]
    [InlineData("#FFFFFFF")]
    [InlineData("# FFFFF")]
    [InlineData("#FFFFF ")]
    [InlineData("#0xFFFF")]
    public void TryParseColour_AnythingElse_IsRefused(string text)
    {
        Assert.False(TargetSpecs.TryParseColour(text, out _));
    }

    [Fact]
    public void DatasetFormats_NamesRoundTrip()
    {
        foreach (var format in Enum.GetValues<DatasetFormat>())
        {
            Assert.True(DatasetFormats.TryParse(DatasetFormats.Name(format), out var parsed));
            Assert.Equal(format, parsed);
        }

        Assert.False(DatasetFormats.TryParse(null, out _));
        Assert.False(DatasetFormats.TryParse("", out _));
    }
}
