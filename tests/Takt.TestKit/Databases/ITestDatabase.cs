using Takt.Persistence;

namespace Takt.TestKit.Databases;

/// <summary>A migrated, empty database that exists for one test class (or one test) and is removed afterwards.</summary>
public interface ITestDatabase : IAsyncLifetime
{
    /// <summary>Contexts on this database; skips (or fails, where PostgreSQL is required) when the server is unavailable.</summary>
    TaktContextFactory Contexts { get; }

    /// <summary>A folder that lives as long as the database: anchor files, blobs.</summary>
    string Folder { get; }
}
