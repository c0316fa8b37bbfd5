namespace Takt.TestKit.C2pa;

/// <summary>One c2pa-rs validation status: a code such as <c>assertion.dataHash.mismatch</c> and where it applies.</summary>
public sealed record C2paReferenceStatus(string Code, string? Url, string? Explanation);
