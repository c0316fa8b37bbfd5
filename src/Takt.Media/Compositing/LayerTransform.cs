namespace Takt.Media.Compositing;

/// <summary>
/// Where a layer's pixels land on the screen: screen = M·(layer − layer centre) + offset, with
/// pixel centres at +0.5. Kept as the inverse too, since compositing walks screen pixels and asks
/// which layer point each one shows.
/// </summary>
internal readonly record struct LayerTransform(double M11, double M12, double M21, double M22, double OffsetX, double OffsetY, double HalfWidth, double HalfHeight)
{
    public static LayerTransform Of(LayerPlacement layer, CameraPose camera, int width, int height)
    {
        var depth = layer.Depth;
        // Parallax: the camera's travel, zoom and roll reach a layer in proportion to its depth.
        var (restX, restY) = (width / 2.0, height / 2.0);
        var cameraX = restX + ((camera.X - restX) * depth);
        var cameraY = restY + ((camera.Y - restY) * depth);
        var zoom = 1 + ((camera.Zoom - 1) * depth);
        var roll = camera.Rotation * depth;

        var scale = zoom * layer.Scale;
        var angle = (layer.Rotation - roll) * Math.PI / 180;
        var (sin, cos) = Math.SinCos(angle);
        var (viewSin, viewCos) = Math.SinCos(-roll * Math.PI / 180);
        var (dx, dy) = (layer.X - cameraX, layer.Y - cameraY);
        return new LayerTransform(
            scale * cos, -scale * sin, scale * sin, scale * cos,
            restX + (zoom * ((viewCos * dx) - (viewSin * dy))),
            restY + (zoom * ((viewSin * dx) + (viewCos * dy))),
            layer.Image.Width / 2.0,
            layer.Image.Height / 2.0);
    }

    /// <summary>Exactly one layer pixel per screen pixel, whole-pixel aligned: blended row by row, no resampling.</summary>
    public bool IsWholePixelShift(out int shiftX, out int shiftY)
    {
        const double Tolerance = 1e-9;
        var x = OffsetX - HalfWidth;
        var y = OffsetY - HalfHeight;
        shiftX = (int)Math.Round(x);
        shiftY = (int)Math.Round(y);
        return Math.Abs(M11 - 1) < Tolerance && Math.Abs(M22 - 1) < Tolerance && Math.Abs(M12) < Tolerance && Math.Abs(M21) < Tolerance
            && Math.Abs(x - shiftX) < Tolerance && Math.Abs(y - shiftY) < Tolerance;
    }

    /// <summary>The layer point (pixel-centre coordinates) a screen point shows.</summary>
    public (double U, double V) Inverse(double screenX, double screenY)
    {
        var determinant = (M11 * M22) - (M12 * M21);
        var (x, y) = (screenX - OffsetX, screenY - OffsetY);
        return (((M22 * x) - (M12 * y)) / determinant + HalfWidth, ((-M21 * x) + (M11 * y)) / determinant + HalfHeight);
    }

    /// <summary>The screen rectangle the layer's corners reach, clipped to the frame (empty when off screen).</summary>
    public (int Left, int Top, int Right, int Bottom) Bounds(int width, int height)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        foreach (var (cx, cy) in new[] { (-HalfWidth, -HalfHeight), (HalfWidth, -HalfHeight), (-HalfWidth, HalfHeight), (HalfWidth, HalfHeight) })
        {
            var sx = (M11 * cx) + (M12 * cy) + OffsetX;
            var sy = (M21 * cx) + (M22 * cy) + OffsetY;
            (minX, minY, maxX, maxY) = (Math.Min(minX, sx), Math.Min(minY, sy), Math.Max(maxX, sx), Math.Max(maxY, sy));
        }

        var left = (int)Math.Clamp(Math.Floor(minX) - 1, 0, width);
        var top = (int)Math.Clamp(Math.Floor(minY) - 1, 0, height);
        var right = (int)Math.Clamp(Math.Ceiling(maxX) + 1, 0, width);
        var bottom = (int)Math.Clamp(Math.Ceiling(maxY) + 1, 0, height);
        return (left, top, right, bottom);
    }
}
