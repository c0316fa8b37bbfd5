using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Outputs;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    public const string OutputsFolder = "outputs";

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/webp"] = ".webp",
        ["image/tiff"] = ".tif",
        ["image/gif"] = ".gif",
        ["video/mp4"] = ".mp4",
        ["video/x-matroska"] = ".mkv",
        ["video/webm"] = ".webm",
        ["audio/wav"] = ".wav",
        ["audio/x-wav"] = ".wav",
        ["audio/flac"] = ".flac",
        ["audio/mpeg"] = ".mp3",
        ["audio/ogg"] = ".ogg",
    };

    private async Task<IReadOnlyDictionary<string, PortValue>> ExportAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var connected = node.Type.Inputs.Where(p => node.Invocation.Inputs.ContainsKey(p.Name)).ToList();
        if (connected.Count != 1)
        {
            throw node.Fail($"connect exactly one of the inputs image, video, audio ({(connected.Count == 0 ? "none is" : string.Join(", ", connected.Select(p => p.Name)) + " are")} connected)");
        }

        var input = node.Input(connected[0].Name, connected[0].Type);
        var name = FileName(node, node.Parameters.Text("name"), input.MediaType);
        var folder = Path.Combine(_workspaceRoot, OutputsFolder);
        var target = Path.GetFullPath(Path.Combine(folder, name));
        if (!string.Equals(Path.GetDirectoryName(target), folder, StringComparison.Ordinal))
        {
            throw node.Fail($"the name '{name}' does not stay directly inside {OutputsFolder}/");
        }

        Directory.CreateDirectory(folder);

        // Written aside and renamed into place: a reader never sees half a file, and a crash leaves
        // at most a hidden temporary file, never a truncated output under the asked name.
        var temp = Path.Combine(folder, $".{name}.{Guid.CreateVersion7():N}.tmp");
        try
        {
            await using (var source = await node.Context.OpenAsync(input, cancellationToken))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(file, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            if (await SignAsync(node, input, temp, target, name, cancellationToken) is { } signed)
            {
                node.Context.Log($"{OutputsFolder}/{name}: signed C2PA manifest {signed.ManifestLabel}");
            }
            else
            {
                File.Move(temp, target, overwrite: true);
            }

            DirectorySync.Flush(folder);
        }
        finally
        {
            File.Delete(temp);
        }

        return NodeRun.Outputs("path", InlineValues.Text($"{OutputsFolder}/{name}"));
    }

    /// <summary>Writes the signed copy into place, or returns null when this output is not signed (no signer, a tenant that turned it off, a format without C2PA embedding).</summary>
    private async Task<SignedAsset?> SignAsync(NodeRun node, PortValue input, string temp, string target, string name, CancellationToken cancellationToken)
    {
        if (_signer is null || !OutputSigner.Signs(input.MediaType))
        {
            return null;
        }

        // The manifest names what the input was made from: its lineage must be in the graph first.
        if (input.Lineage is { } lineage)
        {
            await node.Context.WhenLineageRecordedAsync(lineage, cancellationToken);
        }

        try
        {
            return await _signer.SignFileAsync(temp, target, input.MediaType, new OutputSubject(name, input.Lineage, node.Invocation.Tenant, node.Invocation.RunId), cancellationToken);
        }
        catch (C2paFormatException e)
        {
            throw node.Fail($"{name} cannot be signed: {e.Message}");
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or InvalidDataException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // The workspace's signing set-up, not the content: say where to fix it.
            throw node.Fail($"{name} was not written: signing failed ({e.Message}); fix signing.json or its keys, or turn signing off for the tenant there");
        }
    }

    /// <summary>A plain file name: no folders, no way up or out, nothing a shell or another OS would trip on.</summary>
    private static string FileName(NodeRun node, string name, string? mediaType)
    {
        var problem = name switch
        {
            "" => "is empty",
            _ when name.Trim().Length != name.Length => "starts or ends with white space",
            "." or ".." => "is not a file name",
            _ when name.Contains("..", StringComparison.Ordinal) => "contains '..'",
            _ when name.IndexOfAny(['/', '\\']) >= 0 => "contains a path separator; give a file name only",
            _ when Path.IsPathRooted(name) || name.Contains(':', StringComparison.Ordinal) => "is an absolute path",
            _ when name.StartsWith('.') => "starts with '.' (hidden files are the export's own temporary files)",
            _ when name.Any(c => char.IsControl(c) || Path.GetInvalidFileNameChars().Contains(c)) => "contains a control or invalid character",
            _ when name.Length > 200 => "is longer than 200 characters",
            _ => null,
        };
        if (problem is not null)
        {
            throw node.Fail($"parameter 'name' '{name}' {problem}");
        }

        if (Path.HasExtension(name))
        {
            return name;
        }

        return mediaType is not null && Extensions.TryGetValue(mediaType, out var extension)
            ? name + extension
            : throw node.Fail($"parameter 'name' '{name}' has no extension and the input's media type ({mediaType ?? "unknown"}) suggests none; add one");
    }
}
