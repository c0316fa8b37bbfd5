namespace Takt.Persistence.Runs;

/// <summary>A registered backend (<c>takt backends add</c>). Secrets are not stored: <see cref="SecretName"/> names one.</summary>
public sealed class BackendRow
{
    public required string Name { get; set; }

    public required string Kind { get; set; }

    public string? Endpoint { get; set; }

    public int Capacity { get; set; }

    /// <summary>Kind-specific settings as a JSON object of strings.</summary>
    public required string SettingsJson { get; set; }

    public string? SecretName { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
