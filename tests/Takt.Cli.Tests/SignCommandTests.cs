using Takt.TestKit.C2pa;

namespace Takt.Cli.Tests;

/// <summary>takt init's development CA and takt sign, judged by the official c2pa-rs reader.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SignCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Init_MakesPrivateKeys_SignIsTrustedUnderTheWorkspaceRoot_WithTheIngredientsManifest()
    {
        var ct = TestContext.Current.CancellationToken;
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var keys = Path.Combine(ws, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "signer-es256.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        var anchors = Path.Combine(keys, "trust-anchors.pem");
        var plain = _temp.Combine("plain.png");
        using (var image = NetVips.Image.Black(80, 60, 3) + 90)
        {
            image.WriteToFile(plain);
        }

        var reference = _temp.Combine("reference.png");
        var first = await CliRunner.RunAsync("sign", plain, "-o", reference, "-w", ws, "--source-type", "digital", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var output = _temp.Combine("out.png");
        var second = await CliRunner.RunAsync("sign", plain, "-o", output, "-w", ws, "--ingredient", $"{reference}:componentOf", "--title", "plate");
        Assert.True(second.ExitCode == 0, second.ToString());

        var report = await C2paReferenceReader.ReadAsync(output, anchors, ct);

        Assert.True(report.State == "Trusted", $"{report.State}: {string.Join(", ", report.FailureCodes)}");
        Assert.Equal(2, report.Manifests.EnumerateObject().Count());
        Assert.Contains("signingCredential.trusted", report.Success);

        var verified = await CliRunner.RunAsync("verify", output, "-w", ws, "--json");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Equal("Trusted", verified.Json().GetProperty("state").GetString());
        var tampered = await File.ReadAllBytesAsync(output, ct);
        tampered[^17] ^= 1;
        await File.WriteAllBytesAsync(output, tampered, ct);
        var broken = await CliRunner.RunAsync("verify", output, "-w", ws);
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("assertion.dataHash.mismatch", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ASignedFile_KeepsItsManifestAsTheAssetsProvenance_AndItsTrainingMiningDecidesConsent()
    {
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var media = Directory.CreateDirectory(_temp.Combine("media")).FullName;
        var plain = Path.Combine(media, "unsigned.png");
        using (var image = NetVips.Image.Black(40, 30, 3) + 120)
        {
            image.WriteToFile(plain);
        }

        var sign = await CliRunner.RunAsync("sign", plain, "-o", Path.Combine(media, "signed.png"), "-w", ws, "--source-type", "digital");
        Assert.True(sign.ExitCode == 0, sign.ToString());
        var ingest = await CliRunner.RunAsync("ingest", media, "-w", ws, "--tenant", "studio", "--project", "show");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var assets = (await CliRunner.RunAsync("assets", "list", "-w", ws, "--json")).Json().GetProperty("assets").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("id").GetString()!);

        var signed = await CliRunner.RunAsync("assets", "show", assets["signed"], "-w", ws, "--json");
        var unsigned = await CliRunner.RunAsync("assets", "show", assets["unsigned"], "-w", ws, "--json");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        var provenance = signed.Json().GetProperty("provenance");
        Assert.Equal("Trusted", provenance.GetProperty("state").GetString());
        var manifest = Assert.Single(provenance.GetProperty("manifests").EnumerateArray());
        Assert.Equal("notAllowed", manifest.GetProperty("trainingMining").GetProperty("cawg.ai_generative_training").GetString());
        Assert.False(unsigned.Json().TryGetProperty("provenance", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null, "a file without a manifest shows no provenance");
        var decisions = signed.Json().GetProperty("consent").GetProperty("decisions");
        Assert.False(decisions.GetProperty("generative-training").GetProperty("allowed").GetBoolean());
        Assert.Contains("cawg.ai_generative_training: notAllowed", decisions.GetProperty("generative-training").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_KeyReadableByOthers_OrNotAnImage_IsRefusedWithTheReason()
    {
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var text = _temp.Combine("notes.txt");
        await File.WriteAllTextAsync(text, "not an image", TestContext.Current.CancellationToken);

        var wrongFormat = await CliRunner.RunAsync("sign", text, "-o", _temp.Combine("x.txt"), "-w", ws);
        Assert.Equal(1, wrongFormat.ExitCode);
        Assert.Contains("PNG, JPEG", wrongFormat.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("x.txt")));

        File.SetUnixFileMode(Path.Combine(ws, "keys", "signer-es256.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var png = _temp.Combine("a.png");
        using (var image = NetVips.Image.Black(8, 8, 3))
        {
            image.WriteToFile(png);
        }

        var exposed = await CliRunner.RunAsync("sign", png, "-o", _temp.Combine("b.png"), "-w", ws);
        Assert.Equal(1, exposed.ExitCode);
        Assert.Contains("chmod 600", exposed.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
