namespace Takt.Domain.Datasets;

public readonly record struct PixelSize(int Width, int Height)
{
    public long Area => (long)Width * Height;

    public double Aspect => (double)Width / Height;

    public override string ToString() => $"{Width}x{Height}";

    public static bool TryParse(string? text, out PixelSize size)
    {
        size = default;
        var parts = text?.Split('x', StringSplitOptions.TrimEntries);
        if (parts is not [var w, var h] || !int.TryParse(w, out var width) || !int.TryParse(h, out var height) || width <= 0 || height <= 0)
        {
            return false;
        }

        size = new PixelSize(width, height);
        return true;
    }
}
