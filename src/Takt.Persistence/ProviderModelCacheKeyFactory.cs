using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Takt.Persistence;

/// <summary>
/// The model differs by provider (SQLite stores instants as ticks), so one process that talks to
/// both (the contract tests, a migration tool) must not share one cached model.
/// </summary>
public sealed class ProviderModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
}
