using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Persistence.Archive;
using Takt.Persistence.Consent;

namespace Takt.Archive.Rights;

public sealed record ConsentRecord(
    AssetRow Asset,
    WorkRow Work,
    IReadOnlyList<ConsentGrantRow> Grants,
    IReadOnlyList<RevocationRow> Revocations,
    IReadOnlyDictionary<Purpose, ConsentDecision> Decisions);
