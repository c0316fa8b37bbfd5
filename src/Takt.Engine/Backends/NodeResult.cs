using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends;

/// <summary>What a node produced, one value per declared output, and the facts lineage records about how.</summary>
public sealed record NodeResult(IReadOnlyDictionary<string, PortValue> Outputs, NodeProvenance Provenance);

/// <summary>
/// How a node's result was made, as written into its Generation lineage node. Never holds a
/// secret: API keys stay in configuration.
/// </summary>
/// <param name="Backend">The backend and its version as it reported it, e.g. <c>comfyui 0.3.64</c> or <c>openai sora-2</c>.</param>
/// <param name="Models">Model files the node ran, by content hash where known.</param>
/// <param name="Seed">The seed used, when <see cref="SeedSupport.Seeded"/>; null otherwise.</param>
/// <param name="RemoteId">The remote job id (ComfyUI prompt id, hosted task id), for support and audit.</param>
public sealed record NodeProvenance(
    string Backend,
    SeedSupport SeedSupport,
    long? Seed = null,
    IReadOnlyList<ModelUse>? Models = null,
    string? RemoteId = null,
    JsonElement? Details = null);

/// <summary>A model a node used: its name as the backend knows it, its sha256 if known, its role (checkpoint, lora…) and strength.</summary>
public sealed record ModelUse(string Name, string? Sha256, string Role, double Strength = 1);
