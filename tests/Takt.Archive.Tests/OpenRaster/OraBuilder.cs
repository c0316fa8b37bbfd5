using System.IO.Compression;
using System.Text;
using NetVips;

namespace Takt.Archive.Tests.OpenRaster;

/// <summary>Writes .ora files in memory: mimetype first and stored, as the spec asks, then any entries.</summary>
internal static class OraBuilder
{
    public static byte[] LayerPng()
    {
        using var image = Image.Black(4, 4, bands: 4);
        return image.PngsaveBuffer();
    }

    public static string StackXml(string body, string size = "w=\"64\" h=\"32\"") =>
        $"""<?xml version="1.0" encoding="UTF-8"?><image version="0.0.5" {size}><stack>{body}</stack></image>""";

    public static byte[] Build(string? stackXml, Dictionary<string, byte[]>? entries = null, string? mimetype = "image/openraster")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (mimetype is not null)
            {
                Write(zip, "mimetype", Encoding.ASCII.GetBytes(mimetype), CompressionLevel.NoCompression);
            }

            if (stackXml is not null)
            {
                Write(zip, "stack.xml", Encoding.UTF8.GetBytes(stackXml), CompressionLevel.Optimal);
            }

            foreach (var (name, data) in entries ?? [])
            {
                Write(zip, name, data, CompressionLevel.Optimal);
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] data, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(data);
    }
}
