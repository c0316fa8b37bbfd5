using System.Text;
using NetVips;
using Takt.Archive.Signals;
using Takt.Domain.Rights;
using static Takt.Archive.Tests.Signals.C2paFixtures;

namespace Takt.Archive.Tests.Signals;

public sealed class EmbeddedConsentReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private const string Xmp = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" plus:DataMining="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-GENAIMLTRAINING"/>
        </rdf:RDF></x:xmpmeta>
        """;

    private static byte[] PngWithXmp()
    {
        using var black = Image.Black(8, 8);
        using var tagged = black.Mutate(m => m.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes(Xmp)));
        return tagged.PngsaveBuffer();
    }

    [Fact]
    public void Read_NetVipsPngWithXmp_XmpRoundTripsThroughNetVips()
    {
        using var loaded = Image.NewFromBuffer(PngWithXmp());

        var blob = (byte[])loaded.Get("xmp-data");
        var result = EmbeddedConsentReader.Read([], Encoding.UTF8.GetString(blob), At);

        var grant = Assert.Single(result.Grants);
        Assert.Equal((Purpose.GenerativeTraining, ConsentSource.EmbeddedXmp), (grant.Purpose, grant.Source));
    }

    [Fact]
    public void Read_NoPacketGiven_FindsRawXmpInFile()
    {
        var result = EmbeddedConsentReader.Read(PngWithXmp(), null, At);

        Assert.Equal(ConsentSource.EmbeddedXmp, Assert.Single(result.Grants).Source);
    }

    [Fact]
    public async Task ReadAsync_FileWithXmpAndC2pa_CombinesBothSources()
    {
        var png = PngWithXmp();
        byte[] file = [.. png.AsSpan(0, 33), .. PngChunk("caBX", SimpleStore(("cawg.ai_training", "notAllowed", null))), .. png.AsSpan(33)];
        var path = Path.Combine(Path.GetTempPath(), $"takt-signals-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, file, TestContext.Current.CancellationToken);
        try
        {
            var result = await EmbeddedConsentReader.ReadAsync(path, null, At, TestContext.Current.CancellationToken);

            Assert.Empty(result.Warnings);
            Assert.Single(result.Grants, g => g.Source == ConsentSource.EmbeddedXmp);
            Assert.Equal(2, result.Grants.Count(g => g.Source == ConsentSource.C2paAssertion));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_GarbageStream_ReturnsNothing()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("<x:xmpmeta broken </x:xmpmeta> and more"));

        var result = await EmbeddedConsentReader.ReadAsync(stream, null, At, TestContext.Current.CancellationToken);

        Assert.Empty(result.Grants);
        Assert.Single(result.Warnings);
    }
}
