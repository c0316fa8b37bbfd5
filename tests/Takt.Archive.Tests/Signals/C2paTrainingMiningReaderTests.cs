using System.Buffers.Binary;
using Takt.Archive.Signals;
using Takt.Domain.Rights;
using static Takt.Archive.Tests.Signals.C2paFixtures;

namespace Takt.Archive.Tests.Signals;

public sealed class C2paTrainingMiningReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Crc32_CheckValue_MatchesStandard() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Read_PngWithCaBx_ReturnsUnverifiedC2paGrants()
    {
        var png = PngWith(PngChunk("caBX", SimpleStore(("cawg.ai_generative_training", "notAllowed", null))));

        var result = C2paTrainingMiningReader.Read(png, At);

        Assert.Empty(result.Warnings);
        var grant = Assert.Single(result.Grants);
        Assert.Equal(Purpose.GenerativeTraining, grant.Purpose);
        Assert.Equal(ConsentState.NotAllowed, grant.State);
        Assert.Equal(ConsentSource.C2paAssertion, grant.Source);
        Assert.Equal(At, grant.EffectiveFrom);
        Assert.Contains("unverified C2PA manifest", grant.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConstrainedEntry_KeepsConstraintInfo()
    {
        var png = PngWith(PngChunk("caBX", SimpleStore(("cawg.ai_training", "constrained", "https://example.org/terms"))));

        var result = C2paTrainingMiningReader.Read(png, At);

        Assert.Equal(2, result.Grants.Count);
        Assert.All(result.Grants, g => Assert.Equal("https://example.org/terms", g.Terms));
    }

    [Fact]
    public void Read_LegacyC2paAssertion_IsRead()
    {
        var store = Store(Manifest("urn:c2pa:1", "c2pa.training-mining", TrainingMiningCbor(("c2pa.ai_inference", "notAllowed", null))));

        var result = C2paTrainingMiningReader.Read(PngWith(PngChunk("caBX", store)), At);

        Assert.Equal(Purpose.ReferenceUse, Assert.Single(result.Grants).Purpose);
    }

    [Fact]
    public void Read_SeveralManifests_UsesOnlyTheActiveLastOne()
    {
        var store = Store(
            Manifest("urn:c2pa:old", "cawg.training-mining", TrainingMiningCbor(("cawg.ai_generative_training", "allowed", null))),
            Manifest("urn:c2pa:new", "cawg.training-mining", TrainingMiningCbor(("cawg.ai_generative_training", "notAllowed", null))));

        var grant = Assert.Single(C2paTrainingMiningReader.Read(PngWith(PngChunk("caBX", store)), At).Grants);

        Assert.Equal(ConsentState.NotAllowed, grant.State);
        Assert.Contains("urn:c2pa:new", grant.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000)] // one APP11 segment
    [InlineData(40)]      // split over many segments with repeated box headers
    public void Read_JpegApp11_ReassemblesStore(int pieceSize)
    {
        var store = SimpleStore(("cawg.ai_generative_training", "notAllowed", null), ("cawg.ai_inference", "allowed", null));
        var jpeg = JpegWith(App11Segments(store, pieceSize));

        var result = C2paTrainingMiningReader.Read(jpeg, At);

        Assert.Empty(result.Warnings);
        Assert.Equal(2, result.Grants.Count);
    }

    [Fact]
    public void Read_JpegWithOtherJpegXtBox_FindsC2paInstance()
    {
        var other = Superbox("not-c2pa", Box("json", "{}"u8.ToArray()));
        var jpeg = JpegWith([.. App11Segments(other, 1000, instance: 1), .. App11Segments(SimpleStore(("cawg.ai_training", "notAllowed", null)), 1000, instance: 2)]);

        Assert.Equal(2, C2paTrainingMiningReader.Read(jpeg, At).Grants.Count);
    }

    [Fact]
    public void Read_PlainImages_ReturnNothing()
    {
        Assert.Equal(EmbeddedConsent.None.Grants, C2paTrainingMiningReader.Read(Png(), At).Grants);
        Assert.Empty(C2paTrainingMiningReader.Read(Png(), At).Warnings);
        Assert.Empty(C2paTrainingMiningReader.Read(Jpeg(), At).Warnings);
    }

    [Fact]
    public void Read_BadCrc_WarnsAndIgnores()
    {
        var chunk = PngChunk("caBX", SimpleStore(("cawg.ai_training", "notAllowed", null)));
        chunk[^1] ^= 0xFF;

        var result = C2paTrainingMiningReader.Read(PngWith(chunk), At);

        Assert.Empty(result.Grants);
        Assert.Contains(result.Warnings, w => w.Contains("CRC", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BoxSizeBeyondContainer_Warns()
    {
        var store = SimpleStore(("cawg.ai_training", "notAllowed", null));
        BinaryPrimitives.WriteUInt32BigEndian(store.AsSpan(0), (uint)store.Length + 100);

        var result = C2paTrainingMiningReader.Read(PngWith(PngChunk("caBX", store)), At);

        Assert.Empty(result.Grants);
        Assert.Contains(result.Warnings, w => w.Contains("corrupt", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_InvalidCbor_Warns()
    {
        var store = Store(Manifest("urn:c2pa:1", "cawg.training-mining", [0xA1, 0x67, 0x65]));

        var result = C2paTrainingMiningReader.Read(PngWith(PngChunk("caBX", store)), At);

        Assert.Empty(result.Grants);
        Assert.Contains(result.Warnings, w => w.Contains("invalid CBOR", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DeeplyNestedSuperboxes_WarnsInsteadOfRecursingForever()
    {
        var box = Box("cbor", [0xA0]);
        for (var i = 0; i < 100; i++)
        {
            box = Superbox("n", box);
        }

        var result = C2paTrainingMiningReader.Read(PngWith(PngChunk("caBX", Superbox("c2pa", box))), At);

        Assert.Contains(result.Warnings, w => w.Contains("nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_JpegMissingSequence_Warns()
    {
        var segments = App11Segments(SimpleStore(("cawg.ai_training", "notAllowed", null)), 40);
        var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(segments.AsSpan(2)) + 2;
        var withoutFirst = segments.AsSpan(segmentLength).ToArray();

        var result = C2paTrainingMiningReader.Read(JpegWith(withoutFirst), At);

        Assert.Empty(result.Grants);
    }

    [Fact]
    public void Read_TruncatedAndRandomInputs_NeverThrow()
    {
        var png = PngWith(PngChunk("caBX", SimpleStore(("cawg.ai_training", "notAllowed", null))));
        var jpeg = JpegWith(App11Segments(SimpleStore(("cawg.ai_training", "notAllowed", null)), 50));
        foreach (var file in new[] { png, jpeg })
        {
            for (var length = 0; length < file.Length; length += 7)
            {
                _ = C2paTrainingMiningReader.Read(file.AsSpan(0, length), At);
            }
        }

        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var source = i % 2 == 0 ? png : jpeg;
            var mutated = source.ToArray();
            for (var j = 0; j < 4; j++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            _ = C2paTrainingMiningReader.Read(mutated, At);
        }
    }
}
