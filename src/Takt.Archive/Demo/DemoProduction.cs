using System.Text.Json;
using NetVips;
using Takt.Archive.Ingest.Manifests;

namespace Takt.Archive.Demo;

/// <summary>
/// Draws a small anime production procedurally (a layered character, backgrounds in depth layers,
/// storyboards, key drawings before and after colour, a commission) for two studios, with their
/// <c>takt.json</c> manifests. No downloads and no unseeded randomness: every run writes the same bytes.
/// </summary>
public static class DemoProduction
{
    public const string KumoFolder = "studio-kumo";
    public const string YoruFolder = "studio-yoru";

    /// <summary>Writes <c>studio-kumo/</c> and <c>studio-yoru/</c> under <paramref name="folder"/>, replacing files of the same names.</summary>
    public static async Task<DemoProductionSummary> WriteAsync(string folder, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(folder);
        var kumo = Path.Combine(root, KumoFolder);
        var yoru = Path.Combine(root, YoruFolder);
        var files = 0;
        long bytes = 0;

        async Task WriteAsync(string tenantFolder, string relative, byte[] content)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(tenantFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, content, cancellationToken);
            files++;
            bytes += content.Length;
        }

        foreach (var (relative, content) in KumoFiles(cancellationToken))
        {
            await WriteAsync(kumo, relative, content);
        }

        foreach (var (relative, content) in YoruFiles(cancellationToken))
        {
            await WriteAsync(yoru, relative, content);
        }

        await WriteAsync(kumo, ProductionManifest.FileName, Manifest(DemoManifests.Kumo()));
        await WriteAsync(yoru, ProductionManifest.FileName, Manifest(DemoManifests.Yoru()));
        return new DemoProductionSummary([kumo, yoru], files, bytes, DemoManifests.RevokeWork, DemoManifests.RevokeContributor);
    }

    // Rendering is CPU-bound and synchronous; files are produced one at a time so a cancelled run
    // stops between images rather than after all of them.
    private static IEnumerable<(string Path, byte[] Content)> KumoFiles(CancellationToken cancellationToken)
    {
        var hana = CharacterPalette.Hana;
        yield return ("chars/hana.ora", CharacterOra.Write(hana));
        foreach (var depth in Backgrounds.Depths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ($"sc01/bg/festival_{depth}.png", Png(Backgrounds.Width, Backgrounds.Height, Backgrounds.Festival(depth)));
            yield return ($"sc02/bg/riverbank_{depth}.png", Png(Backgrounds.Width, Backgrounds.Height, Backgrounds.Riverbank(depth)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        yield return ("sc01/c001/storyboard_01.png", Board(Sheets.Storyboard(
            "HANABI  SC01  CUT 001  P.1", "Wide. Festival street at dusk, lanterns sway. Hana walks in from the right.",
            "(none - festival noise)", "4+00", Sheets.Sketch(hana, 600, 90, 0.45, "open", "closed", Sheets.FestivalRough()))));
        yield return ("sc01/c001/storyboard_02.png", Board(Sheets.Storyboard(
            "HANABI  SC01  CUT 001  P.2", "Push in. Fireworks burst; she looks up, eyes wide.",
            "HANA: Ah! It's starting!", "2+12", Sheets.Sketch(hana, 250, 20, 0.55, "open", "a", Sheets.FestivalRough()))));
        yield return ("sc02/c003/storyboard_01.png", Board(Sheets.Storyboard(
            "HANABI  SC02  CUT 003  P.1", "Riverbank. Hana closes her eyes and makes a wish. Fireflies drift.",
            "HANA: Next year too...", "3+06", Sheets.Sketch(hana, 300, 40, 0.5, "closed", "u", Sheets.RiverRough()))));

        cancellationToken.ThrowIfCancellationRequested();
        yield return ("sc01/c002/key_01_lineart.png", Png(Sheets.KeyWidth, Sheets.KeyHeight, Sheets.KeyDrawing(hana, "C002 A1", lineOnly: true), opaque: true));
        // The colourist's master is kept at 16 bits per channel, so ingest meets a deep PNG.
        yield return ("sc01/c002/key_01_colour.png", Png(Sheets.KeyWidth, Sheets.KeyHeight, Sheets.KeyDrawing(hana, "C002 A1", lineOnly: false), opaque: true, bitDepth: 16));
        yield return ("refs/commission_hana_fanart.png", Png(Sheets.CommissionSize, Sheets.CommissionSize, Sheets.Commission(hana)));
    }

    private static IEnumerable<(string Path, byte[] Content)> YoruFiles(CancellationToken cancellationToken)
    {
        var kage = CharacterPalette.Kage;
        var layers = Backgrounds.Depths.Select(d => Raster.Render(Raster.Svg(Backgrounds.Width, Backgrounds.Height, Backgrounds.Alley(d)))).ToList();
        try
        {
            using var flattened = Raster.Over(layers);
            yield return ("sc01/bg/alley.png", Raster.Png(flattened));
        }
        finally
        {
            layers.ForEach(l => l.Dispose());
        }

        cancellationToken.ThrowIfCancellationRequested();
        yield return ("chars/kage.png", Png(CharacterOra.Size, CharacterOra.Size, CharacterArt.Painted(kage, "half", "closed", lineOnly: false, "kage")));
        yield return ("sc01/c001/storyboard_01.png", Board(Sheets.Storyboard(
            "KAGE  SC01  CUT 001  P.1", "Night alley. Kage steps out of the shadow under the lanterns.",
            "KAGE: ...You're late.", "3+00", Sheets.Sketch(kage, 320, 40, 0.5, "half", "e", string.Empty))));
    }

    private static byte[] Board(string body) => Png(Sheets.BoardWidth, Sheets.BoardHeight, body, opaque: true);

    private static byte[] Png(int width, int height, string body, bool opaque = false, int bitDepth = 8)
    {
        using Image image = opaque ? Raster.RenderOpaque(Raster.Svg(width, height, body)) : Raster.Render(Raster.Svg(width, height, body));
        if (bitDepth == 16)
        {
            using var deep = Raster.To16Bit(image);
            return Raster.Png(deep, 16);
        }

        return Raster.Png(image);
    }

    private static byte[] Manifest(ProductionManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ProductionManifest.JsonOptions);
}
