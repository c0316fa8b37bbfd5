using Takt.Cli.Hosting;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Cli.Commands;

/// <summary>The time-stamp authority signing.json names, if any.</summary>
internal static class CliTimestamps
{
    public static ITimestampAuthority? For(SigningOptions options) =>
        options.TimestampUrl is null ? null : throw new UserErrorException("signing.json names a time-stamp authority, which this build cannot reach yet");
}
