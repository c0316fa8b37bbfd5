using System.IO.Compression;
using System.Text;
using System.Xml;
using NetVips;

namespace Takt.Archive.Demo;

/// <summary>
/// Writes OpenRaster (.ora) files: a zip whose first entry is an uncompressed <c>mimetype</c>,
/// then <c>stack.xml</c>, the layer PNGs, the merged image and a thumbnail. Every entry carries
/// the same fixed timestamp so the archive bytes depend only on the pixels.
/// </summary>
internal static class OpenRasterWriter
{
    private static readonly DateTimeOffset FixedTime = new(2025, 7, 20, 19, 0, 0, TimeSpan.Zero);

    public static byte[] Write(int width, int height, OraNode root, Image merged)
    {
        var layers = new List<(string Path, OraNode Node)>();
        var xml = StackXml(width, height, root, layers);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "mimetype", "image/openraster"u8.ToArray(), CompressionLevel.NoCompression);
            Add(zip, "stack.xml", Encoding.UTF8.GetBytes(xml), CompressionLevel.Optimal);
            foreach (var (path, node) in layers)
            {
                // PNG is already deflated; storing it again saves time and changes nothing in size.
                Add(zip, path, Raster.Png(node.Pixels!), CompressionLevel.NoCompression);
            }

            Add(zip, "mergedimage.png", Raster.Png(merged), CompressionLevel.NoCompression);
            using var thumbnail = merged.ThumbnailImage(256, height: 256);
            Add(zip, "Thumbnails/thumbnail.png", Raster.Png(thumbnail), CompressionLevel.NoCompression);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static string StackXml(int width, int height, OraNode root, List<(string, OraNode)> layers)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var text = new MemoryStream();
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("image");
            xml.WriteAttributeString("version", "0.0.5");
            xml.WriteAttributeString("w", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("h", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("xres", "144");
            xml.WriteAttributeString("yres", "144");
            WriteNode(xml, root, "data/", layers, isRoot: true);
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }

    private static void WriteNode(XmlWriter xml, OraNode node, string prefix, List<(string, OraNode)> layers, bool isRoot)
    {
        if (node.Pixels is null)
        {
            xml.WriteStartElement("stack");
            if (!isRoot)
            {
                xml.WriteAttributeString("name", node.Name);
                xml.WriteAttributeString("visibility", node.Visible ? "visible" : "hidden");
            }

            foreach (var child in node.Children)
            {
                WriteNode(xml, child, prefix, layers, isRoot: false);
            }

            xml.WriteEndElement();
            return;
        }

        var path = $"{prefix}{node.Name}.png";
        layers.Add((path, node));
        xml.WriteStartElement("layer");
        xml.WriteAttributeString("name", node.Name);
        xml.WriteAttributeString("src", path);
        xml.WriteAttributeString("x", "0");
        xml.WriteAttributeString("y", "0");
        xml.WriteAttributeString("opacity", "1.0");
        xml.WriteAttributeString("visibility", node.Visible ? "visible" : "hidden");
        xml.WriteAttributeString("composite-op", "svg:src-over");
        xml.WriteEndElement();
    }
}
