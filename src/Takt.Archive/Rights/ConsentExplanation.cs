using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Persistence.Archive;
using Takt.Persistence.Tenancy;

namespace Takt.Archive.Rights;

public sealed record ConsentExplanation(AssetRow Asset, WorkRow Work, TenantRow Owner, Purpose Purpose, string Scope, DateTimeOffset At, ConsentDecision Decision);
