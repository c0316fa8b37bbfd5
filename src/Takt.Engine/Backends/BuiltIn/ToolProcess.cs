using System.ComponentModel;
using System.Diagnostics;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// ffmpeg or ffprobe as a child process: arguments as a list (never one formatted string), stdout
/// handed to the caller as a stream, stderr kept for the error message, and the process killed
/// when the run is cancelled or the reader gives up.
/// </summary>
internal static class ToolProcess
{
    public static async Task<(int ExitCode, string Stderr)> RunAsync(
        string tool, IEnumerable<string> arguments, Func<Stream, CancellationToken, Task> readStdout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ToolMissingException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new ToolMissingException($"{tool} is not installed (Debian package ffmpeg: 'apt-get install ffmpeg'): {e.Message}");
        }

        using (process)
        using (cancellationToken.Register(() => Kill(process)))
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await readStdout(process.StandardOutput.BaseStream, cancellationToken);
            }
            catch
            {
                Kill(process);
                throw;
            }

            await process.WaitForExitAsync(cancellationToken);
            var text = (await stderr).Trim();
            return (process.ExitCode, text.Length > 2000 ? "…" + text[^2000..] : text);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
