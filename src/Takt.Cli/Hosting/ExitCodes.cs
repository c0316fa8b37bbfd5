namespace Takt.Cli.Hosting;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad input or a missing prerequisite; the message says what to fix.</summary>
    public const int UserError = 1;

    /// <summary>A bug or an infrastructure failure.</summary>
    public const int InternalError = 2;

    /// <summary>A workflow run ended failed, cancelled or paused; the output says which node and why.</summary>
    public const int RunNotSucceeded = 3;
}
