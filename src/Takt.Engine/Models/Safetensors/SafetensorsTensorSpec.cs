namespace Takt.Engine.Models.Safetensors;

/// <summary>A tensor to be written: its bytes are <c>product(Shape) × dtype size</c>, little-endian, row-major.</summary>
public sealed record SafetensorsTensorSpec(string Name, SafetensorsDtype Dtype, IReadOnlyList<long> Shape);
