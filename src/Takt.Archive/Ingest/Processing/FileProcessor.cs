using System.Text.Json;
using Takt.Archive.Blobs;
using Takt.Archive.Ingest.OpenRaster;
using Takt.Archive.Ingest.Planning;
using Takt.Archive.Media;
using Takt.Archive.Signals;
using Takt.Domain.Archive;

namespace Takt.Archive.Ingest.Processing;

/// <summary>
/// Stores one file's bytes and learns what they are. Runs on several files at once; touches no
/// database, so a failure here never leaves a row behind. Every expected problem becomes a
/// per-file failure naming what is wrong.
/// </summary>
internal sealed class FileProcessor(LocalBlobStore blobs, ImageProbeOptions imageOptions, TimeProvider time)
{
    public async Task<ProcessedFile> ProcessAsync(PlannedFile file, Func<string, BlobHash, bool> alreadyArchived, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessCoreAsync(file, alreadyArchived, cancellationToken);
        }
        catch (MediaProbeException e)
        {
            return Failed(file, e.Message);
        }
        catch (EndOfStreamException)
        {
            return Failed(file, "the file is truncated: it ends before its own headers say it should");
        }
        catch (InvalidDataException e)
        {
            return Failed(file, $"the file is corrupt: {e.Message}");
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(file, "the file disappeared while it was being ingested");
        }
        catch (UnauthorizedAccessException)
        {
            return Failed(file, "the file cannot be read (permission denied)");
        }
    }

    private async Task<ProcessedFile> ProcessCoreAsync(PlannedFile file, Func<string, BlobHash, bool> alreadyArchived, CancellationToken cancellationToken)
    {
        var head = new byte[MediaSniffer.HeaderLength];
        int headLength;
        await using (var probe = File.OpenRead(file.FullPath))
        {
            headLength = await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        if (headLength == 0)
        {
            return Failed(file, "the file is empty (0 bytes)");
        }

        var format = MediaSniffer.Sniff(head.AsSpan(0, headLength), file.RelativePath);
        switch (format)
        {
            case MediaFormat.Unknown:
                return Failed(file, $"unrecognised or unsupported file type (starts with {Convert.ToHexString(head, 0, Math.Min(8, headLength))}); Takt reads PNG, JPEG, WebP, TIFF, GIF, OpenRaster, WAV, MP4/MOV, MKV/WebM, Ogg, FLAC, MP3 and UTF-8 text");
            case MediaFormat.Psd:
                return Failed(file, "layered PSD is not supported yet; export it as OpenRaster (.ora) to keep the layers, or as PNG");
        }

        var warnings = new List<IngestIssue>();
        if (!format.ExtensionMatches(file.RelativePath))
        {
            warnings.Add(new IngestIssue(file.RelativePath, $"named {Path.GetExtension(file.RelativePath)} but contains {format} data; recorded as {format.MediaType()}"));
        }

        BlobPut blob;
        await using (var source = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            blob = await blobs.PutAsync(source, cancellationToken);
        }

        if (alreadyArchived(file.RelativePath, blob.Hash))
        {
            return new ProcessedFile { Source = file, Unchanged = true };
        }

        var facts = await ProbeAsync(blobs.PathOf(blob.Hash), format, cancellationToken);
        var embedded = format.IsRasterImage()
            ? await EmbeddedConsentReader.ReadAsync(blobs.PathOf(blob.Hash), facts.XmpPacket, time.GetUtcNow(), cancellationToken)
            : EmbeddedConsent.None;
        warnings.AddRange(embedded.Warnings.Select(w => new IngestIssue(file.RelativePath, w)));

        var kind = file.LayerKind ?? DefaultKind(format);
        var main = new ProcessedAsset
        {
            OriginalPath = file.RelativePath,
            Name = file.Name,
            LayerKind = kind,
            Blob = blob,
            Facts = facts,
            EmbeddedConsent = embedded.Grants,
        };

        if (format != MediaFormat.OpenRaster)
        {
            return new ProcessedFile { Source = file, Assets = [main], Warnings = warnings };
        }

        return await ProcessLayersAsync(file, main, warnings, cancellationToken);
    }

    private async Task<ProcessedFile> ProcessLayersAsync(PlannedFile file, ProcessedAsset container, List<IngestIssue> warnings, CancellationToken cancellationToken)
    {
        var opened = OpenRasterReader.Open(blobs.PathOf(container.Blob.Hash));
        if (opened.Reader is null)
        {
            return Failed(file, $"not a usable OpenRaster file: {opened.Error}");
        }

        using var reader = opened.Reader;
        var document = reader.Document;
        warnings.AddRange(document.LayerErrors.Select(e => new IngestIssue($"{file.RelativePath}#{e.Src}", $"layer '{e.Name}' skipped: {e.Message}")));
        var assets = new List<ProcessedAsset>
        {
            container with
            {
                Facts = container.Facts with { Width = document.Width, Height = document.Height, FrameCount = document.Layers.Count },
                Attributes = JsonSerializer.Serialize(new { layers = document.Layers.Count }),
            },
        };

        foreach (var layer in document.Layers)
        {
            var layerPath = $"{file.RelativePath}#{layer.Src}";
            try
            {
                BlobPut blob;
                await using (var entry = reader.OpenLayer(layer))
                {
                    blob = await blobs.PutAsync(entry, cancellationToken);
                }

                var facts = ImageProbe.Probe(blobs.PathOf(blob.Hash), MediaFormat.Png, imageOptions, cancellationToken);
                assets.Add(new ProcessedAsset
                {
                    OriginalPath = layerPath,
                    Name = layer.Path.Length == 0 ? layer.Name : $"{layer.Path}/{layer.Name}",
                    LayerKind = KindOfLayer(layer, file.LayerKind),
                    Blob = blob,
                    Facts = facts,
                    Attributes = JsonSerializer.Serialize(new
                    {
                        x = layer.X,
                        y = layer.Y,
                        opacity = layer.Opacity,
                        visible = layer.Visible,
                        compositeOp = layer.CompositeOp,
                        stack = layer.Path,
                    }),
                });
            }
            catch (Exception e) when (e is MediaProbeException or InvalidDataException)
            {
                warnings.Add(new IngestIssue(layerPath, $"layer '{layer.Name}' skipped: {e.Message}"));
            }
        }

        return new ProcessedFile { Source = file, Assets = assets, Warnings = warnings };
    }

    private async Task<MediaFacts> ProbeAsync(string path, MediaFormat format, CancellationToken cancellationToken) => format switch
    {
        _ when format.IsRasterImage() => ImageProbe.Probe(path, format, imageOptions, cancellationToken),
        MediaFormat.OpenRaster => new MediaFacts { Format = format },
        MediaFormat.Text => await TextProbe.ProbeAsync(path, cancellationToken),
        MediaFormat.Wav => await WavProbe.ProbeAsync(path, cancellationToken),
        _ => await FfprobeProbe.ProbeAsync(path, format, cancellationToken),
    };

    private static LayerKind DefaultKind(MediaFormat format) => format switch
    {
        MediaFormat.Text => LayerKind.Script,
        MediaFormat.Wav or MediaFormat.Ogg or MediaFormat.Flac or MediaFormat.Mp3 => LayerKind.Audio,
        MediaFormat.OpenRaster => LayerKind.Character,
        _ => LayerKind.Reference,
    };

    // A layer named "line-art" or "flat colour" says what it is; otherwise it is part of what the file is.
    private static LayerKind KindOfLayer(OpenRasterLayer layer, LayerKind? fileKind)
    {
        var (_, _, kind, _) = NamingConvention.Place(layer.Name.Replace(' ', '_') + ".png");
        return kind ?? fileKind ?? LayerKind.Character;
    }

    private static ProcessedFile Failed(PlannedFile file, string problem) =>
        new() { Source = file, Failure = new IngestIssue(file.RelativePath, problem) };
}
