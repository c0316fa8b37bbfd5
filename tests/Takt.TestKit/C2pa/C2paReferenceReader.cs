using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Takt.TestKit.C2pa;

/// <summary>
/// Runs the official c2pa-rs reader (the npm package @contentauth/c2pa-wasm under Node, through
/// tests/c2pa-reader/read.mjs) on a file: the judge of the manifests Takt writes, so a test never
/// trusts Takt's own verifier to grade Takt's own signer.
/// </summary>
public static class C2paReferenceReader
{
    /// <summary>read.mjs's exit code when the file has no manifest or cannot be read; it still prints <c>{"error"}</c>.</summary>
    private const int NoManifestExitCode = 3;

    /// <summary>
    /// Reads <paramref name="file"/>. With <paramref name="trustAnchorsPem"/> (a PEM file) the reader
    /// checks the signer against those anchors and can answer Trusted; without, trust is not checked.
    /// </summary>
    public static async Task<C2paReferenceReport> ReadAsync(string file, string? trustAnchorsPem, CancellationToken cancellationToken)
    {
        var folder = ReaderFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@contentauth", "c2pa-wasm")))
        {
            throw new InvalidOperationException(
                $"the c2pa reader's npm packages are not installed in {folder}: run scripts/install-prerequisites.sh");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "read.mjs"));
        start.ArgumentList.Add(Path.GetFullPath(file));
        if (trustAnchorsPem is not null)
        {
            start.ArgumentList.Add("--trust");
            start.ArgumentList.Add(Path.GetFullPath(trustAnchorsPem));
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"node is not installed: run scripts/install-prerequisites.sh ({e.Message})", e);
        }

        using (process)
        using (cancellationToken.Register(() => Kill(process)))
        {
            process.StandardInput.Close();
            // Both pipes are drained at once: a child that fills one while we wait on the other would hang.
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var output = await stdout;
            var errors = (await stderr).Trim();
            if (process.ExitCode is not (0 or NoManifestExitCode) || output.Length == 0)
            {
                throw new InvalidOperationException($"read.mjs failed ({process.ExitCode}) on {file}: {errors}{output}");
            }

            return Parse(output);
        }
    }

    private static C2paReferenceReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            return new C2paReferenceReport
            {
                State = "",
                ActiveManifest = null,
                Success = [],
                Informational = [],
                Failure = [],
                Manifests = default,
                IngredientDeltas = default,
                Error = error.GetString() ?? "",
            };
        }

        return new C2paReferenceReport
        {
            State = root.GetProperty("state").GetString() ?? "",
            ActiveManifest = root.GetProperty("activeManifest").GetString(),
            Success = Codes(root.GetProperty("success")),
            Informational = Codes(root.GetProperty("informational")),
            Failure =
            [
                .. root.GetProperty("failure").EnumerateArray().Select(f => new C2paReferenceStatus(
                    f.GetProperty("code").GetString() ?? "",
                    f.GetProperty("url").GetString(),
                    f.GetProperty("explanation").GetString())),
            ],
            // Cloned: the document, and the memory the elements point into, is disposed on return.
            Manifests = root.GetProperty("manifests").Clone(),
            IngredientDeltas = root.GetProperty("ingredientDeltas").Clone(),
            Error = null,
        };
    }

    private static string[] Codes(JsonElement array) => [.. array.EnumerateArray().Select(c => c.GetString() ?? "")];

    private static string ReaderFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takt.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "c2pa-reader");
            }
        }

        throw new InvalidOperationException($"no Takt.slnx above {AppContext.BaseDirectory}: tests run outside the repository");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
