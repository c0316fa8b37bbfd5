namespace Takt.Cli.Hosting;

/// <summary>Something the user can fix (exit code 1); the message says what.</summary>
public sealed class UserErrorException(string message) : Exception(message);
