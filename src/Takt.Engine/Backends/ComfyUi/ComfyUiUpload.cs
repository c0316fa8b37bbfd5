namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// Where <c>POST /upload/image</c> put a file. ComfyUI may rename it (<c>name (1).png</c>) when a
/// different file had the name; <see cref="Reference"/> is what a LoadImage input takes.
/// </summary>
public sealed record ComfyUiUpload(string Name, string Subfolder, string Type)
{
    public string Reference => Subfolder.Length == 0 ? Name : $"{Subfolder}/{Name}";
}
