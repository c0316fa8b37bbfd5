using Takt.Archive.Blobs;
using Takt.Persistence;

namespace Takt.Engine.Backends;

/// <summary>What a backend may need from the workspace when it is built from its registry entry.</summary>
public sealed record BackendContext(
    TaktContextFactory Contexts,
    IBlobStore Blobs,
    ISecretSource Secrets,
    string WorkspaceRoot,
    TimeProvider Time);
