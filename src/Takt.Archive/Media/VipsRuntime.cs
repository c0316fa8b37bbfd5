namespace Takt.Archive.Media;

/// <summary>
/// libvips is process-global. Takt decodes many files once each, so the operation cache only
/// holds memory: it is switched off, once, before the first decode.
/// </summary>
public static class VipsRuntime
{
    private static readonly Lazy<bool> Configured = new(() =>
    {
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxFiles = 0;
        NetVips.Cache.MaxMem = 0;
        return true;
    });

    public static void EnsureConfigured() => _ = Configured.Value;
}
