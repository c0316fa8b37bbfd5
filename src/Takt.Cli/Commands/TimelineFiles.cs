using Takt.Cli.Hosting;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Otio;

namespace Takt.Cli.Commands;

/// <summary>Timeline documents to and from files: takt.timeline/1 JSON, and OpenTimelineIO.</summary>
internal static class TimelineFiles
{
    public static async Task<(TimelineDocument Document, IReadOnlyList<string> Warnings)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (path.EndsWith(".otio", StringComparison.OrdinalIgnoreCase))
        {
            OtioObject read;
            try
            {
                read = OtioReader.Read(bytes);
            }
            catch (FormatException e)
            {
                throw new UserErrorException($"{path} is not an OpenTimelineIO file: {e.Message}");
            }

            if (read is not OtioTimeline timeline)
            {
                throw new UserErrorException($"{path} holds a {read.SchemaName}, not a Timeline");
            }

            var imported = TimelineOtio.FromOtio(timeline);
            return imported.Document is { } converted ? (converted, imported.Warnings) : throw new UserErrorException($"{path}: {imported.Problem}");
        }

        if (TimelineJson.TryReadDocument(bytes, out var document, out var problem))
        {
            return (document, []);
        }

        throw new UserErrorException($"{path} is not a timeline document: {problem}");
    }

    /// <summary>The document as takt.timeline/1 JSON, or for <c>.otio</c> one cut (the first unless named) as an OTIO timeline.</summary>
    public static byte[] Write(TimelineDocument document, string path, TimelineEntityId? cut)
    {
        if (!path.EndsWith(".otio", StringComparison.OrdinalIgnoreCase))
        {
            return TimelineJson.WriteDocument(document);
        }

        var chosen = cut ?? TimelineSources.Cuts(document, [])[0];
        return System.Text.Encoding.UTF8.GetBytes(OtioWriter.Write(TimelineOtio.ToOtio(document, chosen)));
    }

    /// <summary>Operations that create the document from nothing, parents before children.</summary>
    public static IEnumerable<TimelineOperation> Creation(TimelineDocument document)
    {
        var queue = new Queue<TimelineEntity>(document.Roots());
        while (queue.TryDequeue(out var entity))
        {
            yield return new CreateEntity(entity);
            foreach (var child in document.Children(entity.Id))
            {
                queue.Enqueue(child);
            }
        }
    }
}
