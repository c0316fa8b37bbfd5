namespace Takt.Provenance.C2pa;

/// <summary>A file or manifest store that is not what it claims to be; the message names the problem and where.</summary>
public sealed class C2paFormatException(string message, Exception? inner = null) : Exception(message, inner);
