using Takt.Archive.Ingest.OpenRaster;
using static Takt.Archive.Tests.OpenRaster.OraBuilder;

namespace Takt.Archive.Tests.OpenRaster;

public sealed class OpenRasterReaderTests
{
    private static OpenRasterOpenResult Open(byte[] ora) => OpenRasterReader.Open(new MemoryStream(ora));

    private static OpenRasterDocument OpenDocument(byte[] ora)
    {
        var result = Open(ora);
        Assert.Null(result.Error);
        using var reader = result.Reader!;
        return reader.Document;
    }

    private static string OpenError(byte[] ora)
    {
        var result = Open(ora);
        Assert.Null(result.Reader);
        return Assert.IsType<string>(result.Error);
    }

    [Fact]
    public void Open_TwoLevelStack_ReturnsLayersWithPaths()
    {
        var png = LayerPng();
        var xml = StackXml("""
            <stack name="body">
              <stack name="head"><layer name="eyes" src="data/eyes.png" x="3" y="4" opacity="0.5" composite-op="svg:multiply"/></stack>
              <layer name="torso" src="data/torso.png" visibility="hidden"/>
            </stack>
            <layer name="bg" src="data/bg.png"/>
            """);
        var ora = Build(xml, new() { ["data/eyes.png"] = png, ["data/torso.png"] = png, ["data/bg.png"] = png, ["mergedimage.png"] = png, ["Thumbnails/thumbnail.png"] = png });

        using var reader = Open(ora).Reader!;
        var document = reader.Document;

        Assert.Equal((64, 32), (document.Width, document.Height));
        Assert.Empty(document.LayerErrors);
        Assert.Equal(
            [
                new OpenRasterLayer("eyes", "data/eyes.png", 3, 4, 0.5, true, "svg:multiply", "body/head"),
                new OpenRasterLayer("torso", "data/torso.png", 0, 0, 1, false, "svg:src-over", "body"),
                new OpenRasterLayer("bg", "data/bg.png", 0, 0, 1, true, "svg:src-over", ""),
            ],
            document.Layers);
        Assert.Equal(("mergedimage.png", "Thumbnails/thumbnail.png"), (document.MergedImageEntry, document.ThumbnailEntry));

        using var layer = reader.OpenLayer(document.Layers[0]);
        using var copy = new MemoryStream();
        layer.CopyTo(copy);
        Assert.Equal(png, copy.ToArray());
        using var merged = reader.OpenMergedImage();
        Assert.NotNull(merged);
    }

    [Fact]
    public void Open_NotAZip_Fails() =>
        Assert.Contains("not a zip", OpenError("just some text, not a zip"u8.ToArray()), StringComparison.Ordinal);

    [Fact]
    public void Open_TruncatedZip_Fails()
    {
        var ora = Build(StackXml("""<layer src="data/a.png"/>"""), new() { ["data/a.png"] = LayerPng() });

        Assert.Contains("truncated", OpenError(ora[..(ora.Length / 2)]), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingMimetype_Fails() =>
        Assert.Contains("mimetype entry is missing", OpenError(Build(StackXml(""), mimetype: null)), StringComparison.Ordinal);

    [Fact]
    public void Open_WrongMimetype_Fails() =>
        Assert.Contains("expected 'image/openraster'", OpenError(Build(StackXml(""), mimetype: "application/zip")), StringComparison.Ordinal);

    [Fact]
    public void Open_MissingStackXml_Fails() =>
        Assert.Contains("stack.xml is missing", OpenError(Build(null)), StringComparison.Ordinal);

    [Theory]
    [InlineData("<image w=\"10\" h=\"10\"><stack>")]
    [InlineData("<!DOCTYPE image [<!ENTITY x \"y\">]><image w=\"10\" h=\"10\"/>")]
    [InlineData("<notimage/>")]
    public void Open_MalformedStackXml_Fails(string xml) =>
        Assert.Contains("stack.xml is malformed", OpenError(Build(xml)), StringComparison.Ordinal);

    [Theory]
    [InlineData("w=\"0\" h=\"10\"")]
    [InlineData("w=\"10\" h=\"-5\"")]
    [InlineData("w=\"70000\" h=\"10\"")]
    [InlineData("w=\"ten\" h=\"10\"")]
    [InlineData("h=\"10\"")]
    public void Open_AbsurdCanvasSize_Fails(string size) =>
        Assert.Contains("<image>", OpenError(Build(StackXml("", size))), StringComparison.Ordinal);

    [Theory]
    [InlineData("../evil.png", "..")]
    [InlineData("data/../../evil.png", "..")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("data\\evil.png", "backslash")]
    [InlineData("C:/evil.png", "drive letter")]
    [InlineData("", "no src")]
    public void Open_TraversalSrc_RejectsOnlyThatLayer(string src, string expected)
    {
        var png = LayerPng();
        var xml = StackXml($"""<layer name="bad" src="{System.Security.SecurityElement.Escape(src)}"/><layer name="good" src="data/good.png"/>""");

        var document = OpenDocument(Build(xml, new() { ["data/good.png"] = png }));

        Assert.Equal("good", Assert.Single(document.Layers).Name);
        var error = Assert.Single(document.LayerErrors);
        Assert.Equal("bad", error.Name);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SrcNamesMissingEntry_RejectsLayer()
    {
        var document = OpenDocument(Build(StackXml("""<layer name="ghost" src="data/ghost.png"/>""")));

        Assert.Empty(document.Layers);
        Assert.Contains("names no entry", Assert.Single(document.LayerErrors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DuplicateSrc_RejectsSecondLayer()
    {
        var xml = StackXml("""<layer name="one" src="data/a.png"/><layer name="two" src="data/a.png"/>""");

        var document = OpenDocument(Build(xml, new() { ["data/a.png"] = LayerPng() }));

        Assert.Equal("one", Assert.Single(document.Layers).Name);
        Assert.Contains("duplicate src", Assert.Single(document.LayerErrors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TooManyLayers_Fails()
    {
        var layers = string.Concat(Enumerable.Range(0, OpenRasterReader.MaxLayers + 1).Select(i => $"""<layer src="data/{i}.png"/>"""));

        Assert.Contains($"more than {OpenRasterReader.MaxLayers} layers", OpenError(Build(StackXml(layers))), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DeeplyNestedStacks_Fails()
    {
        var xml = StackXml(string.Concat(Enumerable.Repeat("<stack name=\"s\">", 100)) + string.Concat(Enumerable.Repeat("</stack>", 100)));

        Assert.Contains("deeper than", OpenError(Build(xml)), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_HighlyCompressibleEntry_RejectedAsZipBomb()
    {
        var bomb = new byte[8 * 1024 * 1024];
        var xml = StackXml("""<layer name="bomb" src="data/bomb.png"/><layer name="ok" src="data/ok.png"/>""");

        var document = OpenDocument(Build(xml, new() { ["data/bomb.png"] = bomb, ["data/ok.png"] = LayerPng() }));

        Assert.Equal("ok", Assert.Single(document.Layers).Name);
        Assert.Contains("zip bomb", Assert.Single(document.LayerErrors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DeclaredSizeOverCap_RejectsLayer()
    {
        var ora = Build(StackXml("""<layer name="huge" src="data/huge.png"/>"""), new() { ["data/huge.png"] = LayerPng() });
        // Patch the central directory record's uncompressed size (offset 24), which is what ZipArchive reports.
        var name = "data/huge.png"u8;
        for (var i = 0; i + 46 < ora.Length; i++)
        {
            if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ora.AsSpan(i)) == 0x02014b50 && ora.AsSpan(i + 46).StartsWith(name))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(ora.AsSpan(i + 24), 0xF0000000);
            }
        }

        var document = OpenDocument(ora);

        Assert.Empty(document.Layers);
        Assert.Contains("over the", Assert.Single(document.LayerErrors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BadOpacity_RejectsLayer()
    {
        var document = OpenDocument(Build(StackXml("""<layer src="data/a.png" opacity="lots"/>"""), new() { ["data/a.png"] = LayerPng() }));

        Assert.Empty(document.Layers);
        Assert.Single(document.LayerErrors);
    }

    [Fact]
    public void OpenLayer_ForeignLayer_Throws()
    {
        using var reader = Open(Build(StackXml(""))).Reader!;

        Assert.Throws<ArgumentException>(() => reader.OpenLayer(new OpenRasterLayer("x", "data/x.png", 0, 0, 1, true, "svg:src-over", "")));
    }
}
