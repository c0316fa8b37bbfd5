using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Signing;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Cli.Commands;

/// <summary>
/// <c>takt verify</c>: reads any C2PA manifest store in a PNG, JPEG or MP4 and reports c2pa-rs's
/// validation state and status codes. Exit 0 for Valid or Trusted, 3 for Invalid or no manifest.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<string>("file") { Description = "The file to check" };
        var trust = new Option<string?>("--trust") { Description = "PEM trust anchors (default: the workspace's keys/trust-anchors.pem when there is one)" };
        var command = new Command("verify", "Check a file's C2PA manifests: hashes, signatures, certificates and trust") { file, trust };
        global.Bind(command, async (result, cli, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UserErrorException($"{path} does not exist");
            }

            var anchorsPath = result.GetValue(trust) ?? DefaultAnchors(global.WorkspacePath(result));
            var report = await CheckAsync(path, anchorsPath, TimeProvider.System, ct);

            if (cli.Json)
            {
                cli.WriteRaw(C2paReportJson.Write(report) + Environment.NewLine);
            }
            else
            {
                Print(cli, path, anchorsPath, report);
            }

            return report.State == C2paValidationState.Invalid ? ExitCodes.RunNotSucceeded : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Checks one file's manifests against the anchors in a PEM file (none: trust not evaluated), time-stamps included.</summary>
    internal static async Task<C2paReport> CheckAsync(string path, string? anchorsPath, TimeProvider time, CancellationToken cancellationToken)
    {
        var anchors = LoadAnchors(anchorsPath);
        var verifier = new C2paVerifier(C2paSigner.DefaultContainers, time, new Rfc3161TimestampCheck());
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await verifier.VerifyAsync(stream, new C2paTrust(anchors), cancellationToken);
    }

    internal static string? DefaultAnchors(string workspace)
    {
        var path = new WorkspaceSigning(workspace).TrustAnchorsPath;
        return File.Exists(path) ? path : null;
    }

    internal static X509Certificate2Collection? LoadAnchors(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new UserErrorException($"trust anchors {path}: {e.Message}");
        }

        return anchors.Count > 0 ? anchors : throw new UserErrorException($"{path} holds no PEM certificates");
    }

    private static void Print(CliOutput cli, string path, string? anchors, C2paReport report)
    {
        var colour = report.State switch { C2paValidationState.Trusted => "green", C2paValidationState.Valid => "yellow", _ => "red" };
        cli.Line($"[bold]{Markup.Escape(path)}[/]: [{colour}]{report.State}[/]" + (anchors is null ? " (trust not checked: no anchors)" : $" (anchors: {Markup.Escape(anchors)})"));
        foreach (var manifest in report.Manifests)
        {
            var active = manifest.Label == report.ActiveManifest ? " [bold](active)[/]" : "";
            cli.Line($"  manifest {Markup.Escape(manifest.Label)}{active}: {Markup.Escape(manifest.Title ?? "(untitled)")} by {Markup.Escape(manifest.ClaimGeneratorName ?? "?")}, signed {Markup.Escape(manifest.Signature?.Alg ?? "?")} by {Markup.Escape(manifest.Signature?.Issuer ?? manifest.Signature?.CommonName ?? "?")}");
            foreach (var ingredient in manifest.Ingredients)
            {
                cli.Line($"    ingredient {Markup.Escape(ingredient.Relationship ?? "?")}: {Markup.Escape(ingredient.Title ?? "?")}{(ingredient.ManifestLabel is null ? "" : " (has its own manifest)")}");
            }

            if (manifest.TrainingMining is { Count: > 0 } mining)
            {
                cli.Line($"    training and mining: {Markup.Escape(string.Join(", ", mining.Select(m => $"{m.Key}={m.Value}")))}");
            }
        }

        foreach (var failure in report.Failure)
        {
            cli.Line($"  [red]{Markup.Escape(failure.Code)}[/] {Markup.Escape(failure.Explanation)}");
        }

        cli.Line($"  {report.Success.Count} check(s) passed" + (report.Informational.Count > 0 ? $", {report.Informational.Count} informational" : ""));
    }
}
