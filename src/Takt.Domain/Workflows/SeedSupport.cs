namespace Takt.Domain.Workflows;

/// <summary>Whether a node type's results can be reproduced from a seed, as recorded in lineage.</summary>
public enum SeedSupport : byte
{
    /// <summary>Deterministic work: the same inputs and parameters give the same output; no seed is involved.</summary>
    Deterministic,
    /// <summary>The node takes a seed parameter that fixes its result.</summary>
    Seeded,
    /// <summary>The backend offers no seed (e.g. hosted video APIs): results are not reproducible.</summary>
    Unsupported,
}
