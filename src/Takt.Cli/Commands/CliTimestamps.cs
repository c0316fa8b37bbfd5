using Takt.Cli.Hosting;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Cli.Commands;

/// <summary>The RFC 3161 time-stamp authority signing.json names, if any.</summary>
internal static class CliTimestamps
{
    public static ITimestampAuthority? For(SigningOptions options, HttpClient http) =>
        options.TimestampUrl switch
        {
            null => null,
            var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" => new Rfc3161TimestampAuthority(http, uri),
            var url => throw new UserErrorException($"signing.json: timestampUrl '{url}' is not an http(s) URL"),
        };
}
