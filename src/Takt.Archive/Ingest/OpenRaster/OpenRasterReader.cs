using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>
/// Opens a layered OpenRaster (.ora) file and validates it without decoding any image: the ingest
/// pipeline decodes layer PNGs with NetVips through <see cref="OpenLayer"/>. Keeps the zip open
/// until disposed so layers are streamed, not buffered.
/// </summary>
public sealed class OpenRasterReader : IDisposable
{
    public const string MimeType = "image/openraster";
    public const int MaxLayers = 1000;
    public const long MaxEntryBytes = 512L * 1024 * 1024;
    public const double MaxCompressionRatio = 200;

    /// <summary>Below this size a high ratio (a blank layer, a small XML file) cannot hurt; the ratio check starts here.</summary>
    private const long RatioCheckFloor = 1024 * 1024;

    private const string MergedImage = "mergedimage.png";
    private const string Thumbnail = "Thumbnails/thumbnail.png";

    private readonly ZipArchive archive;

    private OpenRasterReader(ZipArchive archive, OpenRasterDocument document)
    {
        this.archive = archive;
        Document = document;
    }

    public OpenRasterDocument Document { get; }

    public static OpenRasterOpenResult Open(string path)
    {
        var stream = File.OpenRead(path);
        var result = Open(stream, leaveOpen: false);
        if (result.Reader is null)
        {
            stream.Dispose();
        }

        return result;
    }

    /// <param name="leaveOpen">Whether <paramref name="stream"/> stays open after the reader is disposed.</param>
    public static OpenRasterOpenResult Open(Stream stream, bool leaveOpen = false)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException ex)
        {
            return OpenRasterOpenResult.Failed($"not a zip archive, or truncated: {ex.Message}");
        }

        try
        {
            var document = ReadDocument(archive, out var error);
            if (document is null)
            {
                archive.Dispose();
                return OpenRasterOpenResult.Failed(error ?? "not a usable OpenRaster file");
            }

            return new OpenRasterOpenResult(new OpenRasterReader(archive, document), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Entry data can be corrupt even when the central directory is intact.
            archive.Dispose();
            return OpenRasterOpenResult.Failed($"zip entry data is corrupt or truncated: {ex.Message}");
        }
    }

    /// <summary>Opens a layer's PNG entry for decoding; the layer must come from this reader's document.</summary>
    public Stream OpenLayer(OpenRasterLayer layer)
    {
        if (!Document.Layers.Contains(layer))
        {
            throw new ArgumentException("the layer does not belong to this document", nameof(layer));
        }

        return OpenEntry(layer.Src);
    }

    public Stream? OpenMergedImage() =>
        Document.MergedImageEntry is { } name ? OpenEntry(name) : null;

    public void Dispose() => archive.Dispose();

    // Entries were checked when the document was read and a read-mode archive cannot change since.
    private Stream OpenEntry(string name) =>
        (archive.GetEntry(name) ?? throw new InvalidOperationException($"entry '{name}' vanished from an open archive")).Open();

    private static OpenRasterDocument? ReadDocument(ZipArchive archive, out string? error)
    {
        error = CheckMimeType(archive);
        if (error is not null)
        {
            return null;
        }

        var stackEntry = archive.GetEntry("stack.xml");
        if (stackEntry is null)
        {
            error = "stack.xml is missing";
            return null;
        }

        if (CheckSize(stackEntry) is { } sizeError)
        {
            error = $"stack.xml rejected: {sizeError}";
            return null;
        }

        OpenRasterStack stack;
        try
        {
            using var xml = stackEntry.Open();
            stack = OpenRasterStackParser.Parse(xml, MaxLayers);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            error = $"stack.xml is malformed: {ex.Message}";
            return null;
        }

        var layers = new List<OpenRasterLayer>();
        var errors = new List<OpenRasterLayerError>(stack.LayerErrors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in stack.Layers)
        {
            var entry = archive.GetEntry(layer.Src);
            var layerError = entry is null ? $"layer src '{layer.Src}' names no entry in the archive"
                : !seen.Add(layer.Src) ? $"layer src '{layer.Src}' is used by an earlier layer (duplicate src)"
                : CheckSize(entry);
            if (layerError is null)
            {
                layers.Add(layer);
            }
            else
            {
                errors.Add(new OpenRasterLayerError(layer.Name, layer.Src, layerError));
            }
        }

        error = null;
        return new OpenRasterDocument(
            stack.Width, stack.Height, layers, errors,
            UsableEntry(archive, MergedImage), UsableEntry(archive, Thumbnail));
    }

    private static string? CheckMimeType(ZipArchive archive)
    {
        var entry = archive.GetEntry("mimetype");
        if (entry is null)
        {
            return "mimetype entry is missing: not an OpenRaster file";
        }

        if (entry.Length > 256)
        {
            return "mimetype entry is too large: not an OpenRaster file";
        }

        using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
        var value = reader.ReadToEnd().Trim();
        return value == MimeType ? null : $"mimetype is '{value}', expected '{MimeType}'";
    }

    /// <summary>Declared sizes come from the zip's central directory, so a zip bomb is refused before inflating it.</summary>
    private static string? CheckSize(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxEntryBytes)
        {
            return $"entry '{entry.FullName}' declares {entry.Length} bytes uncompressed, over the {MaxEntryBytes}-byte limit";
        }

        if (entry.Length > RatioCheckFloor && entry.Length > entry.CompressedLength * MaxCompressionRatio)
        {
            return $"entry '{entry.FullName}' compresses {entry.Length}:{entry.CompressedLength}, a ratio over {MaxCompressionRatio} (zip bomb)";
        }

        return null;
    }

    private static string? UsableEntry(ZipArchive archive, string name) =>
        archive.GetEntry(name) is { } entry && CheckSize(entry) is null ? name : null;
}
