namespace Takt.Engine.Models.Safetensors;

/// <summary>A tensor in a file. <see cref="Offset"/> is absolute (from the file's first byte), not header-relative.</summary>
public sealed record SafetensorsTensor(string Name, SafetensorsDtype Dtype, IReadOnlyList<long> Shape, long Offset, long Length);
