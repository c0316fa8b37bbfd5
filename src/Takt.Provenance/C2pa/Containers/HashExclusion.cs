namespace Takt.Provenance.C2pa.Containers;

/// <summary>A byte range a data-hash binding leaves out (C2PA §18.5): the manifest store's own bytes.</summary>
public readonly record struct HashExclusion(long Start, long Length)
{
    public long End => Start + Length;
}
