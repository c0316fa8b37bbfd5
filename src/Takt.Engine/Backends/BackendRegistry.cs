using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Takt.Persistence;
using Takt.Persistence.Runs;

namespace Takt.Engine.Backends;

/// <summary>
/// The backends a workspace knows (<c>takt backends add|list|remove</c>). A row holds where a
/// backend is, how many nodes it takes at once and the name of its secret, never the secret.
/// </summary>
public sealed partial class BackendRegistry(TaktContextFactory contexts, TimeProvider time)
{
    /// <summary>Kinds that run elsewhere and so need an endpoint; the hosted APIs have a default one.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["comfyui", "openai-video", "kling", "runway"];

    public async Task<string?> AddAsync(BackendConfig config, bool replace, CancellationToken cancellationToken)
    {
        if (Check(config) is { } problem)
        {
            return problem;
        }

        await using var db = contexts.Create();
        var row = await db.Backends.FirstOrDefaultAsync(b => b.Name == config.Name, cancellationToken);
        if (row is not null && !replace)
        {
            return $"a backend named '{config.Name}' exists; pass --replace to change it";
        }

        if (row is null)
        {
            row = new BackendRow { Name = config.Name, Kind = config.Kind, SettingsJson = "{}", AddedAt = time.GetUtcNow() };
            db.Backends.Add(row);
        }

        row.Kind = config.Kind;
        row.Endpoint = config.Endpoint?.ToString();
        row.Capacity = config.Capacity;
        row.SettingsJson = JsonSerializer.Serialize(config.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal));
        row.SecretName = config.SecretName;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.Backends.Where(b => b.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<BackendConfig>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var rows = await db.Backends.AsNoTracking().OrderBy(b => b.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(ToConfig)];
    }

    public static string? Check(BackendConfig config)
    {
        if (!Name().IsMatch(config.Name))
        {
            return $"backend name '{config.Name}' must be 1–64 lower-case letters, digits or '-'";
        }

        if (!Kinds.Contains(config.Kind, StringComparer.Ordinal))
        {
            return $"unknown backend kind '{config.Kind}'; use one of {string.Join(", ", Kinds)}";
        }

        if (config.Capacity is < 1 or > 1024)
        {
            return $"capacity {config.Capacity} is outside 1..1024";
        }

        if (config.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            return $"endpoint '{endpoint}' must be an absolute http(s) URL";
        }

        if (config.Kind == "comfyui" && config.Endpoint is null)
        {
            return "a comfyui backend needs --endpoint (e.g. http://gpu1:8188)";
        }

        if (config.SecretName is { } secret && !SecretName().IsMatch(secret))
        {
            return $"secret name '{secret}' must be letters, digits, '_', '-' or '.'";
        }

        if (config.Kind is "openai-video" or "kling" or "runway" && config.SecretName is null)
        {
            return $"a {config.Kind} backend needs --secret naming its API key (set it with TAKT_SECRET_<NAME> or the workspace secrets file)";
        }

        return null;
    }

    private static BackendConfig ToConfig(BackendRow row) => new(
        row.Name,
        row.Kind,
        row.Endpoint is null ? null : new Uri(row.Endpoint),
        row.Capacity,
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.SettingsJson) ?? [],
        row.SecretName);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex SecretName();
}
