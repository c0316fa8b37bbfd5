
namespace Takt.Archive.Blobs;

/// <summary>The sha256 of a blob's bytes, as 64 lowercase hex digits: its name in every store.</summary>
public readonly record struct BlobHash
{
    private BlobHash(string hex) => Hex = hex;

    public string Hex { get; }

    public static BlobHash FromBytes(ReadOnlySpan<byte> sha256) =>
        sha256.Length == 32 ? new(Convert.ToHexStringLower(sha256)) : throw new ArgumentException("a sha256 is 32 bytes", nameof(sha256));

    public static bool TryParse(string? text, out BlobHash hash)
    {
        hash = default;
        if (text is not { Length: 64 } || !text.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
        {
            return false;
        }

        hash = new BlobHash(text);
        return true;
    }

    public static BlobHash Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException($"'{text}' is not a sha256 (64 lowercase hex digits)");

    public override string ToString() => Hex;
}
