using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Takt.Domain.Timeline;

namespace Takt.Engine.Timelines;

/// <summary>A timeline as stored: its document, how many edits its log holds, and how many can be undone.</summary>
public sealed record TimelineState(string Name, TimelineDocument Document, int Edits, int Undoable);

/// <summary>A stored timeline cannot be read or changed; the message says why and what to do.</summary>
public sealed class TimelineStoreException(string message) : Exception(message);

/// <summary>
/// Timelines in the workspace, one folder each under <c>timelines/</c>: <c>ops.jsonl</c>, the
/// append-only log of every operation with its inverse (the truth: the document is its replay),
/// and <c>document.json</c>, a snapshot rewritten after each change for readers that do not want
/// to replay. An operation the document refuses is never written. Each line is written whole and
/// flushed to disk before the call returns; a line cut short by a crash is reported, never
/// guessed at (<see cref="RepairAsync"/> drops it).
/// </summary>
public sealed partial class TimelineStore(string workspaceRoot)
{
    private const string Log = "ops.jsonl";
    private const string Snapshot = "document.json";

    public string Folder { get; } = Path.Combine(workspaceRoot, "timelines");

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public async Task<TimelineState> CreateAsync(string name, TimelineOperation initial, CancellationToken cancellationToken)
    {
        var folder = FolderOf(name);
        if (Directory.Exists(folder))
        {
            throw new TimelineStoreException($"a timeline '{name}' already exists");
        }

        var applied = initial.Apply(TimelineDocument.Empty);
        if (!applied.Applied)
        {
            throw new TimelineStoreException(applied.Problem.Message);
        }

        Directory.CreateDirectory(folder);
        await AppendAsync(folder, new LogEntry(initial, applied.Inverse, null), cancellationToken);
        await WriteSnapshotAsync(folder, applied.Document, cancellationToken);
        return new TimelineState(name, applied.Document, 1, 1);
    }

    public async Task<TimelineState> LoadAsync(string name, CancellationToken cancellationToken) =>
        (await ReadAsync(name, cancellationToken)).State;

    /// <summary>Applies an edit and logs it, or throws with the document's reason (nothing written).</summary>
    public async Task<TimelineState> ApplyAsync(string name, TimelineOperation operation, CancellationToken cancellationToken)
    {
        var (state, _) = await ReadAsync(name, cancellationToken);
        var applied = operation.Apply(state.Document);
        if (!applied.Applied)
        {
            throw new TimelineStoreException(applied.Problem.Message);
        }

        var folder = FolderOf(name);
        await AppendAsync(folder, new LogEntry(operation, applied.Inverse, null), cancellationToken);
        await WriteSnapshotAsync(folder, applied.Document, cancellationToken);
        return state with { Document = applied.Document, Edits = state.Edits + 1, Undoable = state.Undoable + 1 };
    }

    /// <summary>Undoes the latest edit not yet undone by applying its inverse, logged like any edit.</summary>
    public async Task<TimelineState> UndoAsync(string name, CancellationToken cancellationToken)
    {
        var (state, stack) = await ReadAsync(name, cancellationToken);
        if (stack.Count <= 1)
        {
            throw new TimelineStoreException($"timeline '{name}' has no edit to undo");
        }

        var (index, entry) = stack[^1];
        var applied = entry.Inverse.Apply(state.Document);
        if (!applied.Applied)
        {
            throw new TimelineStoreException($"the last edit cannot be undone: {applied.Problem.Message}");
        }

        var folder = FolderOf(name);
        await AppendAsync(folder, new LogEntry(entry.Inverse, applied.Inverse, index), cancellationToken);
        await WriteSnapshotAsync(folder, applied.Document, cancellationToken);
        return state with { Document = applied.Document, Edits = state.Edits + 1, Undoable = stack.Count - 2 };
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> names = Directory.Exists(Folder)
            ? [.. Directory.GetDirectories(Folder).Select(Path.GetFileName).OfType<string>().Where(IsValidName).Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(names);
    }

    /// <summary>Drops a last line a crash cut short; says whether there was one.</summary>
    public async Task<bool> RepairAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(FolderOf(name), Log);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (bytes.Length == 0 || bytes[^1] == (byte)'\n')
        {
            return false;
        }

        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            stream.SetLength(Array.LastIndexOf(bytes, (byte)'\n') + 1);
            stream.Flush(flushToDisk: true);
        }

        var (state, _) = await ReadAsync(name, cancellationToken);
        await WriteSnapshotAsync(FolderOf(name), state.Document, cancellationToken);
        return true;
    }

    private string FolderOf(string name) =>
        IsValidName(name) ? Path.Combine(Folder, name)
        : throw new TimelineStoreException($"'{name}' is not a timeline name (lower-case letters, digits, '-' and '_', up to 64, starting with a letter or digit)");

    /// <summary>Replays the log; also gives the entries that can still be undone, oldest first (the first is the creation).</summary>
    private async Task<(TimelineState State, List<(int Index, LogEntry Entry)> Undoable)> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(FolderOf(name), Log);
        if (!File.Exists(path))
        {
            var known = await ListAsync(cancellationToken);
            throw new TimelineStoreException($"there is no timeline '{name}'" + (known.Count > 0 ? $"; there are: {string.Join(", ", known)}" : "; make one with 'takt timeline new'"));
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n');
        if (lines[^1].Length > 0)
        {
            throw new TimelineStoreException($"{path} line {lines.Length} is incomplete: an edit was interrupted while it was written; 'takt timeline repair {name}' drops it");
        }

        var document = TimelineDocument.Empty;
        var stack = new List<(int, LogEntry)>();
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var entry = LogEntry.Read(lines[i], $"{path} line {i + 1}");
            var applied = entry.Operation.Apply(document);
            if (!applied.Applied)
            {
                throw new TimelineStoreException($"{path} line {i + 1} no longer applies ({applied.Problem.Message}); the log was changed by hand");
            }

            document = applied.Document;
            if (entry.Undoes is { } undone)
            {
                stack.RemoveAll(s => s.Item1 == undone);
            }
            else
            {
                stack.Add((i, entry));
            }
        }

        return (new TimelineState(name, document, lines.Length - 1, Math.Max(0, stack.Count - 1)), stack);
    }

    private static async Task AppendAsync(string folder, LogEntry entry, CancellationToken cancellationToken)
    {
        var line = entry.Write();
        await using var stream = new FileStream(Path.Combine(folder, Log), FileMode.Append, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private static async Task WriteSnapshotAsync(string folder, TimelineDocument document, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(folder, $".{Snapshot}.{Guid.CreateVersion7():N}");
        await File.WriteAllBytesAsync(temporary, TimelineJson.WriteDocument(document), cancellationToken);
        File.Move(temporary, Path.Combine(folder, Snapshot), overwrite: true);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>One line of the log: an operation, its inverse, and, for an undo, the line it undoes.</summary>
    private sealed record LogEntry(TimelineOperation Operation, TimelineOperation Inverse, int? Undoes)
    {
        public byte[] Write()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WritePropertyName("op");
                writer.WriteRawValue(TimelineJson.WriteOperation(Operation));
                writer.WritePropertyName("inverse");
                writer.WriteRawValue(TimelineJson.WriteOperation(Inverse));
                if (Undoes is { } undone)
                {
                    writer.WriteNumber("undoes", undone);
                }

                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        public static LogEntry Read(string line, string where)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (!TimelineJson.TryReadOperation(Encoding.UTF8.GetBytes(root.GetProperty("op").GetRawText()), out var operation, out var problem)
                    || !TimelineJson.TryReadOperation(Encoding.UTF8.GetBytes(root.GetProperty("inverse").GetRawText()), out var inverse, out problem))
                {
                    throw new TimelineStoreException($"{where} is not a timeline operation: {problem}");
                }

                return new LogEntry(operation, inverse, root.TryGetProperty("undoes", out var undoes) ? undoes.GetInt32() : null);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new TimelineStoreException($"{where} is not a log entry: {e.Message}");
            }
        }
    }
}
