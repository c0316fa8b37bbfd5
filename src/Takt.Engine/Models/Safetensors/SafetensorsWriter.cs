using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using Takt.Archive.Blobs;

namespace Takt.Engine.Models.Safetensors;

/// <summary>
/// Streams a safetensors file: the header is written up front from the tensor specs, then the
/// caller writes each tensor's bytes in <see cref="Tensors"/> order, then <see cref="CommitAsync"/>.
/// Everything goes to a temporary file beside the destination that is fsynced and renamed into
/// place on commit, so a model appears under its name only when complete; disposing without a
/// commit (failure, cancellation) deletes the temporary file.
/// </summary>
/// <remarks>
/// Layout follows the reference writer (<c>prepare</c>): tensors sorted by dtype descending then
/// name, packed from offset 0; <c>__metadata__</c> first with its keys in ordinal order; the
/// header padded with spaces to a multiple of 8 so every tensor is naturally aligned. Same input,
/// same bytes.
/// </remarks>
public sealed class SafetensorsWriter : IAsyncDisposable
{
    private const int CopyChunk = 1 << 20;
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IReadOnlyList<SafetensorsTensorSpec> _specs;
    private readonly int _headerLength;
    private int _next;
    private bool _broken;
    private bool _committed;

    private SafetensorsWriter(
        string path, string tempPath, FileStream file, IReadOnlyList<SafetensorsTensorSpec> specs, int headerLength, IReadOnlyList<SafetensorsTensor> tensors)
    {
        _path = path;
        _tempPath = tempPath;
        _file = file;
        _specs = specs;
        _headerLength = headerLength;
        Tensors = tensors;
    }

    /// <summary>The tensors in the order their bytes must be written, with their final offsets.</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>The tensor whose bytes come next; null once all are written.</summary>
    public SafetensorsTensor? Next => _next < Tensors.Count ? Tensors[_next] : null;

    /// <summary>Validates the specs, creates the temporary file and writes the header.</summary>
    public static async Task<SafetensorsWriter> CreateAsync(
        string path,
        IEnumerable<SafetensorsTensorSpec> tensors,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path);
        var specs = tensors.ToList();
        var (header, layout) = BuildHeader(specs, metadata ?? new Dictionary<string, string>());
        var folder = Path.GetDirectoryName(fullPath)!;
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.CreateVersion7():N}.tmp");
        var file = new FileStream(tempPath, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
        var writer = new SafetensorsWriter(fullPath, tempPath, file, specs, header.Length, layout);
        try
        {
            await file.WriteAsync(header, cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the whole of the next tensor; <paramref name="data"/> must be exactly its byte length.</summary>
    public async Task WriteTensorAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var tensor = Expect(name);
        if (data.Length != tensor.Length)
        {
            throw new ArgumentException($"tensor '{name}' needs {tensor.Length} bytes, got {data.Length}", nameof(data));
        }

        await Guarded(async () => await _file.WriteAsync(data, cancellationToken));
        _next++;
    }

    /// <summary>Copies the next tensor's bytes from <paramref name="source"/>, which must hold at least its byte length; the rest is left unread.</summary>
    public async Task WriteTensorAsync(string name, Stream source, CancellationToken cancellationToken = default)
    {
        var tensor = Expect(name);
        await Guarded(async () =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyChunk, Math.Max(1, tensor.Length)));
            try
            {
                var left = tensor.Length;
                while (left > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
                    if (read == 0)
                    {
                        throw new EndOfStreamException($"the source of tensor '{name}' ended {left} bytes short of {tensor.Length}");
                    }

                    await _file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    left -= read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        _next++;
    }

    /// <summary>
    /// Replaces the metadata written by <see cref="CreateAsync"/>, before <see cref="CommitAsync"/>.
    /// The header must keep its length, so tensor offsets stay put: write placeholders of the final
    /// length first (a hash known only once the data has been read, say), then the values.
    /// </summary>
    public async Task RewriteMetadataAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var (header, _) = BuildHeader(_specs, metadata);
        if (header.Length != _headerLength)
        {
            throw new ArgumentException($"the new header has {header.Length} bytes where the written one has {_headerLength}", nameof(metadata));
        }

        // Positional: the stream's own position, where the next tensor goes, is left alone.
        await Guarded(async () => await RandomAccess.WriteAsync(_file.SafeFileHandle, header, 0, cancellationToken));
    }

    /// <summary>Flushes to disk and renames the file into place, replacing any file of that name.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_broken)
        {
            throw new InvalidOperationException("an earlier write failed; the file cannot be committed");
        }

        if (Next is { } missing)
        {
            throw new InvalidOperationException($"tensor '{missing.Name}' and any after it have not been written");
        }

        await Guarded(async () =>
        {
            await _file.FlushAsync(cancellationToken);
            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(_tempPath, _path, overwrite: true);
        });
        _committed = true;
        DirectorySync.Flush(Path.GetDirectoryName(_path)!);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        if (!_committed)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Best effort: the temporary name starts with '.' and ends in .tmp, so a sweep can find it.
            }
        }
    }

    /// <summary>The header bytes (length prefix included) and the layout they describe.</summary>
    internal static (byte[] Header, IReadOnlyList<SafetensorsTensor> Layout) BuildHeader(
        IEnumerable<SafetensorsTensorSpec> specs, IReadOnlyDictionary<string, string> metadata)
    {
        var ordered = specs.OrderByDescending(s => s.Dtype).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var relative = new List<(SafetensorsTensorSpec Spec, long Begin, long End)>(ordered.Count);
        long offset = 0;
        foreach (var spec in ordered)
        {
            if (string.Equals(spec.Name, SafetensorsHeader.MetadataKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("a tensor may not be named __metadata__: readers could not open the file (safetensors #849)", nameof(specs));
            }

            if (!names.Add(spec.Name))
            {
                throw new ArgumentException($"tensor '{spec.Name}' appears more than once", nameof(specs));
            }

            if (spec.Shape.Any(d => d < 0))
            {
                throw new ArgumentException($"tensor '{spec.Name}' has a negative dimension", nameof(specs));
            }

            var length = SafetensorsHeader.ByteLength(spec);
            relative.Add((spec, offset, checked(offset + length)));
            offset += length;
        }

        var json = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names and metadata readable, as Python's writer emits them.
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata.Count > 0)
            {
                writer.WriteStartObject(SafetensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            foreach (var (spec, begin, end) in relative)
            {
                writer.WriteStartObject(spec.Name);
                writer.WriteString("dtype", spec.Dtype.ToFormatName());
                writer.WriteStartArray("shape");
                foreach (var dim in spec.Shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(begin);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        var headerLength = (json.WrittenCount + 7) / 8 * 8;
        var header = new byte[8 + headerLength];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)headerLength);
        json.WrittenSpan.CopyTo(header.AsSpan(8));
        header.AsSpan(8 + json.WrittenCount).Fill((byte)' ');
        var layout = relative
            .Select(r => new SafetensorsTensor(r.Spec.Name, r.Spec.Dtype, r.Spec.Shape.ToArray(), 8 + headerLength + r.Begin, r.End - r.Begin))
            .ToList();
        return (header, layout);
    }

    private SafetensorsTensor Expect(string name)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_broken)
        {
            throw new InvalidOperationException("an earlier write failed; start a new writer");
        }

        var next = Next ?? throw new InvalidOperationException($"all tensors are written; '{name}' is not expected");
        return string.Equals(next.Name, name, StringComparison.Ordinal)
            ? next
            : throw new InvalidOperationException($"tensor '{next.Name}' comes next, not '{name}'");
    }

    /// <summary>A failed write leaves the file in an unknown state, so the writer refuses further use.</summary>
    private async Task Guarded(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            _broken = true;
            throw;
        }
    }
}
