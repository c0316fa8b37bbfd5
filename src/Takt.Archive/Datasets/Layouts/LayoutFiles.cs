using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// What every layout shares: files go under one staging root, each write is hashed as it happens
/// and recorded as an entry, and text is UTF-8 without BOM with "\n" newlines, so the same samples
/// give the same bytes on every machine.
/// </summary>
internal sealed class LayoutFiles(string root)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<LayoutEntry> _entries = [];

    /// <summary>
    /// Relaxed escaping keeps non-ASCII captions readable; the output is JSON data, never embedded in HTML.
    /// Newline is fixed because the default follows the platform.
    /// </summary>
    public static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        NewLine = "\n",
    };

    public IReadOnlyList<LayoutEntry> Entries =>
        _entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToArray();

    public void Add(LayoutEntry entry) => _entries.Add(entry);

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> (relative, '/'), hashing the bytes on the way.</summary>
    public async Task CopyAsync(string source, string path, LayoutEntryKind kind, string? stem, CancellationToken cancellationToken)
    {
        var target = Create(path);
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long bytes = 0;
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                bytes += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _entries.Add(new LayoutEntry(path, Convert.ToHexStringLower(sha.GetHashAndReset()), bytes, kind, stem));
    }

    public Task WriteTextAsync(string path, string text, LayoutEntryKind kind, string? stem, CancellationToken cancellationToken) =>
        WriteBytesAsync(path, Encode(text), kind, stem, cancellationToken);

    public async Task WriteBytesAsync(string path, byte[] bytes, LayoutEntryKind kind, string? stem, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(Create(path), bytes, cancellationToken);
        _entries.Add(new LayoutEntry(path, Sha256(bytes), bytes.Length, kind, stem));
    }

    /// <summary>The full path for a relative one; parent folders are created and an existing file is a bug (the root starts empty).</summary>
    public string Create(string path)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full))
        {
            throw new InvalidOperationException($"{path} was written twice");
        }

        return full;
    }

    public string FullPath(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a plain relative path", nameof(path));
        }

        return Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>UTF-8 without BOM; callers build text with "\n" only (captions are normalised in <see cref="CaptionText"/>).</summary>
    public static byte[] Encode(string text) => Utf8.GetBytes(text);

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Hashes a file without copying it (WebDataset members are hashed before they go into a tar).</summary>
    public static async Task<(string Sha256, long Bytes)> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(input, cancellationToken);
        return (Convert.ToHexStringLower(hash), input.Length);
    }

    /// <summary>
    /// A caption file's text: the caption and one "\n". Trainers read the first line as the primary
    /// caption and kohya asserts on empty files, so an empty caption is a bug upstream.
    /// </summary>
    public static string CaptionText(LayoutSample sample)
    {
        var caption = sample.Caption.ReplaceLineEndings("\n").TrimEnd('\n');
        if (string.IsNullOrWhiteSpace(caption))
        {
            throw new ArgumentException($"sample {sample.Stem} has an empty caption; captions are never empty by contract", nameof(sample));
        }

        return caption + "\n";
    }

    /// <summary>A TOML basic string: quotes, backslashes and control characters escaped (TOML 1.0 §String).</summary>
    public static string Toml(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    public static string Toml(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Toml(bool value) => value ? "true" : "false";

    /// <summary>JSON text built by <paramref name="write"/> with the fixed writer options.</summary>
    public static string Json(Action<Utf8JsonWriter> write, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions with { Indented = indented }))
        {
            write(writer);
        }

        return Utf8.GetString(buffer.ToArray());
    }
}
