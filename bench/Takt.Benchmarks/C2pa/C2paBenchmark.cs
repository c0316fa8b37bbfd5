using System.Diagnostics;
using System.Globalization;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Manifests;
using Takt.Provenance.C2pa.Signing;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Benchmarks.C2pa;

/// <summary>
/// Takt's contestant in <c>bench/run c2pa</c>: signs a large MP4 (streamed: one read, one write,
/// one hash) and verifies the signed copy, then signs a 1080p PNG many times. Prints
/// <c>key=value</c> lines the script turns into RESULT lines. Keys are a fresh development CA
/// (ES256), as <c>takt init</c> makes.
/// </summary>
public static class C2paBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args is not [var mp4, var png, var scratch, var pngRunsText])
        {
            Console.Error.WriteLine("usage: c2pa <video.mp4> <frame.png> <scratch folder> <png runs>");
            return 2;
        }

        var pngRuns = int.Parse(pngRunsText, CultureInfo.InvariantCulture);
        var now = TimeProvider.System.GetUtcNow();
        var (root, rootKey) = DevelopmentCertificateAuthority.CreateRoot("Takt bench", now);
        var (leaf, key) = DevelopmentCertificateAuthority.CreateEs256Signer(root, rootKey, "Takt bench", now);
        using var signer = new EcdsaClaimSigner(key, [leaf, root]);
        var trust = new C2paTrust([root]);
        var c2pa = new C2paSigner(C2paSigner.DefaultContainers);
        var verifier = new C2paVerifier(C2paSigner.DefaultContainers, TimeProvider.System);
        var manifest = new ManifestDefinition("bench", [new ManifestAction(C2paActions.Created, C2paActions.TrainedAlgorithmicMedia, [])], []);

        var bytes = new FileInfo(mp4).Length;
        var signedMp4 = Path.Combine(scratch, "signed.mp4");
        var clock = Stopwatch.StartNew();
        await c2pa.SignFileAsync(mp4, signedMp4, manifest, signer, null, cancellationToken);
        var sign = clock.Elapsed.TotalSeconds;

        clock.Restart();
        C2paReport report;
        await using (var stream = new FileStream(signedMp4, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            report = await verifier.VerifyAsync(stream, trust, cancellationToken);
        }

        var verify = clock.Elapsed.TotalSeconds;
        if (report.State != C2paValidationState.Trusted)
        {
            Console.Error.WriteLine($"the signed MP4 verified as {report.State}: {string.Join(", ", report.Failure.Select(f => f.Code))}");
            return 1;
        }

        File.Delete(signedMp4);

        // The PNG: the first signature pays for JIT; the median of the rest is the steady cost.
        var signedPng = Path.Combine(scratch, "signed.png");
        var times = new List<double>();
        for (var i = 0; i <= pngRuns; i++)
        {
            clock.Restart();
            await c2pa.SignFileAsync(png, signedPng, manifest, signer, null, cancellationToken);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var first = times[0];
        var steady = times.Skip(1).Order().ToList();
        await using (var stream = File.OpenRead(signedPng))
        {
            var pngReport = await verifier.VerifyAsync(stream, trust, cancellationToken);
            if (pngReport.State != C2paValidationState.Trusted)
            {
                Console.Error.WriteLine($"the signed PNG verified as {pngReport.State}");
                return 1;
            }
        }

        File.Delete(signedPng);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"mp4_bytes={bytes}"));
        Console.WriteLine(string.Create(inv, $"sign_s={sign:F3}"));
        Console.WriteLine(string.Create(inv, $"verify_s={verify:F3}"));
        Console.WriteLine(string.Create(inv, $"png_bytes={new FileInfo(png).Length}"));
        Console.WriteLine(string.Create(inv, $"png_first_ms={first:F1}"));
        Console.WriteLine(string.Create(inv, $"png_median_ms={steady[steady.Count / 2]:F1}"));
        Console.WriteLine(string.Create(inv, $"png_p95_ms={steady[Math.Min(steady.Count - 1, (int)(steady.Count * 0.95))]:F1}"));
        root.Dispose();
        rootKey.Dispose();
        return 0;
    }
}
