using CsCheck;
using Takt.Engine.Backends.HostedVideo;
using Takt.TestKit.HostedVideo;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class Mp4StructureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Problem_WholeFfmpegFile_IsNone()
    {
        var mp4 = await TestMedia.Mp4Async(Ct);

        Assert.Null(await Mp4Structure.ProblemAsync(new MemoryStream(mp4), Ct));
    }

    [Fact]
    public async Task Problem_EveryProperPrefix_IsFound()
    {
        var mp4 = await TestMedia.Mp4Async(Ct);

        await Gen.Int[0, mp4.Length - 1].SampleAsync(async length =>
            Assert.NotNull(await Mp4Structure.ProblemAsync(new MemoryStream(mp4, 0, length), Ct)));
    }

    [Fact]
    public async Task Problem_ErrorPage_IsNotAnMp4()
    {
        var page = "<html><body>AccessDenied</body></html>"u8.ToArray();

        Assert.Contains("ftyp", await Mp4Structure.ProblemAsync(new MemoryStream(page), Ct), StringComparison.Ordinal);
    }
}
