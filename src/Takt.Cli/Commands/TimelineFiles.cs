using Takt.Cli.Hosting;
using Takt.Domain.Timeline;

namespace Takt.Cli.Commands;

/// <summary>Timeline documents to and from files: takt.timeline/1 JSON, and OpenTimelineIO.</summary>
internal static class TimelineFiles
{
    public static async Task<(TimelineDocument Document, IReadOnlyList<string> Warnings)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (TimelineJson.TryReadDocument(bytes, out var document, out var problem))
        {
            return (document, []);
        }

        throw new UserErrorException($"{path} is not a timeline document: {problem}");
    }

    public static byte[] Write(TimelineDocument document, string path, TimelineEntityId? cut) =>
        TimelineJson.WriteDocument(document);

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
