namespace Takt.Engine.Models.Merging;

/// <summary>How far a merge has written: tensors and output data bytes.</summary>
public sealed record MergeProgress(int TensorsWritten, int TensorCount, long BytesWritten, long TotalBytes);
