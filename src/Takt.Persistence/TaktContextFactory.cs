using Microsoft.EntityFrameworkCore;

namespace Takt.Persistence;

/// <summary>Creates contexts for one database, each scoped to a tenant or to the operator's all-tenant view.</summary>
public sealed class TaktContextFactory(DbContextOptions<TaktDbContext> options)
{
    public TaktDbContext Create(TenantScopeFilter? scope = null) => new(options, scope ?? TenantScopeFilter.All);
}
