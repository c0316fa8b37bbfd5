using Takt.Cli.Hosting;
using Takt.Domain.Timeline;
using Takt.Engine.Timelines;

namespace Takt.Cli.Commands;

/// <summary>Finds the timeline a command names and the cuts it asks for.</summary>
internal static class TimelineSources
{
    public static async Task<(string Name, TimelineDocument Document)> LoadAsync(TaktServices services, string reference, CancellationToken cancellationToken)
    {
        if (reference.EndsWith(".otio", StringComparison.OrdinalIgnoreCase) && File.Exists(reference))
        {
            var (otio, _) = await TimelineFiles.ReadAsync(reference, cancellationToken);
            return (Path.GetFileNameWithoutExtension(reference), otio);
        }

        if (reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(reference))
        {
            var bytes = await File.ReadAllBytesAsync(reference, cancellationToken);
            return TimelineJson.TryReadDocument(bytes, out var document, out var problem)
                ? (Path.GetFileNameWithoutExtension(reference), document)
                : throw new UserErrorException($"{reference} is not a timeline document: {problem}");
        }

        var state = await TimelineCommand.Guard(() => new TimelineStore(services.Workspace.Root).LoadAsync(reference, cancellationToken));
        return (state.Name, state.Document);
    }

    /// <summary>The cuts named (by name or id, in the order given), or every cut in timeline order.</summary>
    public static IReadOnlyList<TimelineEntityId> Cuts(TimelineDocument document, IReadOnlyList<string> names)
    {
        var all = new List<CutEntity>();
        void Walk(IEnumerable<TimelineEntity> entities)
        {
            foreach (var entity in entities)
            {
                if (entity is CutEntity cut)
                {
                    all.Add(cut);
                }
                else if (entity is ProjectEntity or SceneEntity)
                {
                    Walk(document.Children(entity.Id));
                }
            }
        }

        Walk(document.Roots());
        if (all.Count == 0)
        {
            throw new UserErrorException("the timeline has no cut");
        }

        if (names.Count == 0)
        {
            return [.. all.Select(c => c.Id)];
        }

        return [.. names.Select(name =>
        {
            var matches = all.Where(c => c.Name == name || c.Id.ToString() == name || c.Id.ToString().StartsWith(name, StringComparison.Ordinal)).ToList();
            return matches.Count switch
            {
                1 => matches[0].Id,
                0 => throw new UserErrorException($"the timeline has no cut '{name}'; its cuts: {string.Join(", ", all.Select(c => c.Name))}"),
                _ => throw new UserErrorException($"'{name}' names {matches.Count} cuts ({string.Join(", ", matches.Select(c => $"{c.Name} {c.Id}"))}); use an id"),
            };
        })];
    }
}
