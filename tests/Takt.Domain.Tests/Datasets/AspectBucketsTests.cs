using CsCheck;
using Takt.Domain.Datasets;

namespace Takt.Domain.Tests.Datasets;

public sealed class AspectBucketsTests
{
    // Expected lists were produced by running the trainers' own formulas (kohya-ss
    // make_bucket_resolutions, Nerogar/mgds AspectBucketing.__create_automatic_buckets,
    // musubi-tuner BucketSelector) in Python, and are pasted here as literals.
    private static readonly (int W, int H)[] Kohya1024 =
    [
        (256, 2048), (320, 2048), (384, 2048), (448, 2048), (512, 1856), (512, 1920), (512, 1984), (512, 2048), (576, 1664), (576, 1728),
        (576, 1792), (640, 1536), (640, 1600), (704, 1408), (704, 1472), (768, 1280), (768, 1344), (832, 1216), (896, 1152), (960, 1088),
        (1024, 1024), (1088, 960), (1152, 896), (1216, 832), (1280, 768), (1344, 768), (1408, 704), (1472, 704), (1536, 640), (1600, 640),
        (1664, 576), (1728, 576), (1792, 576), (1856, 512), (1920, 512), (1984, 512), (2048, 256), (2048, 320), (2048, 384), (2048, 448),
        (2048, 512),
    ];

    private static readonly (int W, int H)[] Kohya512 =
    [
        (256, 832), (256, 896), (256, 960), (256, 1024), (320, 704), (320, 768), (384, 640), (448, 576), (512, 512),
        (576, 448), (640, 384), (704, 320), (768, 320), (832, 256), (896, 256), (960, 256), (1024, 256),
    ];

    private static readonly (int W, int H)[] Kohya1344x768 =
    [
        (256, 2048), (320, 2048), (384, 2048), (448, 2048), (512, 1856), (512, 1920), (512, 1984), (576, 1664), (576, 1728), (576, 1792),
        (640, 1472), (640, 1536), (640, 1600), (704, 1408), (768, 1280), (768, 1344), (832, 1216), (896, 1088), (896, 1152), (960, 960),
        (960, 1024), (1024, 960), (1088, 896), (1152, 896), (1216, 832), (1280, 768), (1344, 768), (1408, 704), (1472, 640), (1536, 640),
        (1600, 640), (1664, 576), (1728, 576), (1792, 576), (1856, 512), (1920, 512), (1984, 512), (2048, 256), (2048, 320), (2048, 384),
        (2048, 448),
    ];

    private static readonly (int W, int H)[] OneTrainer1024Q64 =
    [
        (512, 2048), (576, 1792), (576, 1920), (640, 1600), (704, 1472), (768, 1344), (832, 1280), (896, 1152), (1024, 1024),
        (1152, 896), (1280, 832), (1344, 768), (1472, 704), (1600, 640), (1792, 576), (1920, 576), (2048, 512),
    ];

    private static readonly (int W, int H)[] OneTrainer512Q8 =
    [
        (256, 1024), (272, 960), (296, 888), (320, 808), (360, 728), (384, 680), (416, 624), (456, 576), (512, 512),
        (576, 456), (624, 416), (680, 384), (728, 360), (808, 320), (888, 296), (960, 272), (1024, 256),
    ];

    private static readonly (int W, int H)[] OneTrainer768Q16 =
    [
        (384, 1536), (416, 1440), (448, 1328), (480, 1216), (544, 1088), (576, 1008), (624, 944), (688, 864), (768, 768),
        (864, 688), (944, 624), (1008, 576), (1088, 544), (1216, 480), (1328, 448), (1440, 416), (1536, 384),
    ];

    private static readonly (int W, int H)[] Musubi512 =
    [
        (256, 1024), (272, 960), (288, 896), (304, 848), (320, 816), (336, 768), (352, 736), (368, 704), (384, 672), (400, 640),
        (416, 624), (432, 592), (448, 576), (464, 560), (480, 544), (496, 528), (512, 512), (528, 496), (544, 480), (560, 464),
        (576, 448), (592, 432), (624, 416), (640, 400), (672, 384), (704, 368), (736, 352), (768, 336), (816, 320), (848, 304),
        (896, 288), (960, 272), (1024, 256),
    ];

    private static readonly (int W, int H)[] Musubi960x544 =
    [
        (352, 1472), (368, 1408), (384, 1360), (400, 1296), (416, 1248), (432, 1200), (448, 1152), (464, 1120), (480, 1088), (496, 1040),
        (512, 1008), (528, 976), (544, 960), (560, 928), (576, 896), (592, 880), (608, 848), (624, 832), (640, 816), (656, 784),
        (672, 768), (688, 752), (704, 736), (720, 720), (736, 704), (752, 688), (768, 672), (784, 656), (816, 640), (832, 624),
        (848, 608), (880, 592), (896, 576), (928, 560), (960, 544), (976, 528), (1008, 512), (1040, 496), (1088, 480), (1120, 464),
        (1152, 448), (1200, 432), (1248, 416), (1296, 400), (1360, 384), (1408, 368), (1472, 352),
    ];

    private static PixelSize[] Sizes(IEnumerable<(int W, int H)> sizes) => sizes.Select(s => new PixelSize(s.W, s.H)).ToArray();

    private static readonly Gen<PixelSize> Image = Gen.Select(Gen.Int[1, 8000], Gen.Int[1, 8000]).Select((w, h) => new PixelSize(w, h));

    private static readonly Gen<AspectBuckets> AnyBuckets = Gen.OneOf(
        Gen.Select(Gen.Int[4, 32], Gen.Int[4, 32], Gen.Int[1, 4]).Select((w, h, s) => AspectBuckets.Kohya(new PixelSize(w * 64, h * 64), 256, 2048, s * 32)),
        Gen.Select(Gen.Int[256, 2048], Gen.OneOf(Gen.Const(8), Gen.Const(16), Gen.Const(32), Gen.Const(64), Gen.Const(128))).Select((r, q) => AspectBuckets.OneTrainer(r, q)),
        Gen.Select(Gen.Int[16, 128], Gen.Int[16, 128]).Select((w, h) => AspectBuckets.Musubi(new PixelSize(w * 16, h * 16), 16)));

    [Fact]
    public void Kohya_1024_Min256_Max2048_Step64_Gives41BucketsFrom256x2048To2048x256()
    {
        var buckets = AspectBuckets.Kohya(new PixelSize(1024, 1024), 256, 2048, 64);

        Assert.Equal(41, buckets.Sizes.Count);
        Assert.Equal(new PixelSize(256, 2048), buckets.Sizes[0]);
        Assert.Equal(new PixelSize(2048, 512), buckets.Sizes[^1]);
        Assert.Contains(new PixelSize(2048, 256), buckets.Sizes);
        Assert.Equal(Sizes(Kohya1024), buckets.Sizes);
    }

    [Fact]
    public void Kohya_512_Min256_Max1024_Step64_MatchesTheTrainersList()
    {
        Assert.Equal(Sizes(Kohya512), AspectBuckets.Kohya(new PixelSize(512, 512), 256, 1024, 64).Sizes);
    }

    [Fact]
    public void Kohya_NonSquareResolution_UsesItsArea()
    {
        Assert.Equal(Sizes(Kohya1344x768), AspectBuckets.Kohya(new PixelSize(1344, 768), 256, 2048, 64).Sizes);
    }

    [Fact]
    public void Kohya_MinAndMaxOffTheStep_AreFlooredAndRaisedLikeKohya()
    {
        // adjust_min_max_bucket_reso_by_steps: 300 → 256, 2000 → 2048.
        Assert.Equal(Sizes(Kohya1024), AspectBuckets.Kohya(new PixelSize(1024, 1024), 300, 2000, 64).Sizes);
        Assert.Equal((256, 2048), AspectBuckets.KohyaMinMax(256, 2048, 64));
        Assert.Equal((256, 2048), AspectBuckets.KohyaMinMax(319, 1985, 64));
    }

    [Fact]
    public void OneTrainer_17DistinctSizes_MatchTheTrainersTable()
    {
        Assert.Equal(Sizes(OneTrainer1024Q64), AspectBuckets.OneTrainer(1024, 64).Sizes);
        Assert.Equal(Sizes(OneTrainer512Q8), AspectBuckets.OneTrainer(512, 8).Sizes);
        Assert.Equal(Sizes(OneTrainer768Q16), AspectBuckets.OneTrainer(768, 16).Sizes);
    }

    [Fact]
    public void OneTrainer_AnyResolution_NineAspectsBothWaysQuantised()
    {
        Gen.Select(Gen.Int[256, 4096], Gen.OneOf(Gen.Const(8), Gen.Const(16), Gen.Const(32), Gen.Const(64), Gen.Const(128))).Sample((resolution, q) =>
        {
            var sizes = AspectBuckets.OneTrainer(resolution, q).Sizes;
            Assert.InRange(sizes.Count, 1, 17);
            Assert.All(sizes, s => Assert.True(s.Width % q == 0 && s.Height % q == 0, $"{s} is not a multiple of {q}"));
            Assert.All(sizes, s => Assert.Contains(new PixelSize(s.Height, s.Width), sizes));
        });
    }

    [Fact]
    public void Musubi_StepsOf16BothOrientations_MatchTheTrainersList()
    {
        Assert.Equal(Sizes(Musubi512), AspectBuckets.Musubi(new PixelSize(512, 512), 16).Sizes);
        Assert.Equal(Sizes(Musubi960x544), AspectBuckets.Musubi(new PixelSize(960, 544), 16).Sizes);
    }

    [Fact]
    public void Musubi_AnyResolution_MultiplesOfTheStepInBothOrientationsWithinTheArea()
    {
        Gen.Select(Gen.Int[16, 128], Gen.Int[16, 128]).Sample((w, h) =>
        {
            var resolution = new PixelSize(w * 16, h * 16);
            var sizes = AspectBuckets.Musubi(resolution, 16).Sizes;
            Assert.All(sizes, s => Assert.True(s.Width % 16 == 0 && s.Height % 16 == 0, $"{s}"));
            Assert.All(sizes, s => Assert.Contains(new PixelSize(s.Height, s.Width), sizes));
            Assert.All(sizes, s => Assert.True(s.Area <= resolution.Area, $"{s} exceeds the area of {resolution}"));
        });
    }

    [Fact]
    public void Sizes_AreDistinctAndSortedByWidthThenHeight()
    {
        AnyBuckets.Sample(buckets =>
        {
            Assert.Equal(buckets.Sizes.Distinct(), buckets.Sizes);
            Assert.Equal(buckets.Sizes.OrderBy(s => s.Width).ThenBy(s => s.Height), buckets.Sizes);
        });
    }

    [Fact]
    public void Kohya_AnyResolution_StepMultiplesWithinMinAndMax()
    {
        Gen.Select(Gen.Int[4, 32], Gen.Int[4, 32]).Sample((w, h) =>
        {
            var sizes = AspectBuckets.Kohya(new PixelSize(w * 64, h * 64), 256, 2048, 64).Sizes;
            Assert.All(sizes, s => Assert.True(s.Width % 64 == 0 && s.Height % 64 == 0, $"{s}"));
            Assert.All(sizes, s => Assert.True(s.Width <= 2048 && s.Height <= 2048, $"{s}"));
            Assert.All(sizes, s => Assert.True(s.Area <= (long)w * 64 * h * 64, $"{s}"));
        });
    }

    [Fact]
    public void Select_ImageAlreadyABucket_ReturnsItself()
    {
        AnyBuckets.SelectMany(b => Gen.Int[0, b.Sizes.Count - 1].Select(i => (b, i))).Sample((buckets, i) =>
        {
            Assert.Equal(buckets.Sizes[i], buckets.Select(buckets.Sizes[i]));
            Assert.True(buckets.Plan(buckets.Sizes[i]).IsIdentity);
        });
    }

    [Fact]
    public void Select_Kohya_NoBucketHasAStrictlySmallerErrorAndTiesGoToTheFirst()
    {
        Gen.Select(Gen.Int[4, 32], Gen.Int[4, 32], Image).Sample((w, h, image) =>
        {
            var buckets = AspectBuckets.Kohya(new PixelSize(w * 64, h * 64), 256, 2048, 64);
            var chosen = buckets.Select(image);
            if (buckets.Sizes.Contains(image))
            {
                Assert.Equal(image, chosen);
                return;
            }

            // kohya: error = |w/h of bucket − w/h of image|, numpy argmin (first minimum) over the sorted list.
            var aspect = (double)image.Width / image.Height;
            var error = Math.Abs(chosen.Aspect - aspect);
            var index = buckets.Sizes.ToList().IndexOf(chosen);
            Assert.All(buckets.Sizes, s => Assert.False(Math.Abs(s.Aspect - aspect) < error, $"{s} is closer to {image} than {chosen}"));
            Assert.All(buckets.Sizes.Take(index), s => Assert.NotEqual(error, Math.Abs(s.Aspect - aspect)));
        });
    }

    [Fact]
    public void Select_Musubi_NoBucketHasAStrictlySmallerErrorAndTiesGoToTheFirst()
    {
        Gen.Select(Gen.Int[16, 128], Gen.Int[16, 128], Image).Sample((w, h, image) =>
        {
            var buckets = AspectBuckets.Musubi(new PixelSize(w * 16, h * 16), 16);
            var chosen = buckets.Select(image);
            var aspect = (double)image.Width / image.Height;
            var error = Math.Abs(chosen.Aspect - aspect);
            var index = buckets.Sizes.ToList().IndexOf(chosen);
            Assert.All(buckets.Sizes, s => Assert.False(Math.Abs(s.Aspect - aspect) < error, $"{s} is closer to {image} than {chosen}"));
            Assert.All(buckets.Sizes.Take(index), s => Assert.NotEqual(error, Math.Abs(s.Aspect - aspect)));
        });
    }

    [Theory]
    [InlineData(512, 512)]
    [InlineData(1024, 1024)]
    [InlineData(1280, 720)]
    [InlineData(960, 544)]
    [InlineData(1920, 1080)]
    [InlineData(848, 480)]
    public void Select_Musubi_EveryBucketIsAlsoTheTrainersArgmin(int width, int height)
    {
        // musubi has no "already a bucket" shortcut: it takes argmin |w/h error| even for an exact
        // bucket, so the shortcut must agree with it (no earlier bucket of the same aspect).
        var sizes = AspectBuckets.Musubi(new PixelSize(width, height), 16).Sizes;
        Assert.All(sizes, bucket =>
        {
            var errors = sizes.Select(s => Math.Abs(s.Aspect - bucket.Aspect)).ToList();
            Assert.Equal(bucket, sizes[errors.IndexOf(errors.Min())]);
        });
    }

    [Fact]
    public void Select_OneTrainer_MeasuresTheErrorInHeightOverWidth()
    {
        // mgds compares h/w, not w/h: for a 207×233 image it picks the square bucket, where a w/h
        // comparison would pick 896×1152.
        var buckets = AspectBuckets.OneTrainer(1024, 64);

        Assert.Equal(new PixelSize(1024, 1024), buckets.Select(new PixelSize(207, 233)));
        Assert.Equal(new PixelSize(704, 1472), buckets.Select(new PixelSize(207, 475)));
    }

    [Fact]
    public void Select_OneTrainer_NoBucketHasAStrictlySmallerHeightOverWidthError()
    {
        Gen.Select(Gen.Int[256, 2048], Image).Sample((resolution, image) =>
        {
            var buckets = AspectBuckets.OneTrainer(resolution, 64);
            var chosen = buckets.Select(image);
            var aspect = (double)image.Height / image.Width;
            var error = Math.Abs(((double)chosen.Height / chosen.Width) - aspect);
            Assert.All(buckets.Sizes, s => Assert.False(Math.Abs(((double)s.Height / s.Width) - aspect) < error, $"{s} is closer to {image} than {chosen}"));
        });
    }

    [Fact]
    public void Select_AnyImage_ReturnsABucketAndPlansExactlyIt()
    {
        Gen.Select(AnyBuckets, Image).Sample((buckets, image) =>
        {
            var bucket = buckets.Select(image);
            Assert.Contains(bucket, buckets.Sizes);
            var plan = buckets.Plan(image);
            Assert.Equal(bucket, plan.Bucket);
            Assert.Equal(image, plan.Source);
        });
    }

    [Fact]
    public void For_FollowsTheTargetsRule()
    {
        Assert.Equal(Sizes(Kohya1024), AspectBuckets.For(new TargetSpec { Format = DatasetFormat.Kohya }).Sizes);
        Assert.Equal(Sizes(OneTrainer1024Q64), AspectBuckets.For(new TargetSpec { Format = DatasetFormat.OneTrainer, BucketRule = BucketRule.OneTrainer }).Sizes);
        Assert.Equal(Sizes(Musubi960x544), AspectBuckets.For(new TargetSpec { Format = DatasetFormat.VideoClips, BucketRule = BucketRule.Musubi, BucketStep = 16, Resolution = new PixelSize(960, 544) }).Sizes);
        var fixedSize = AspectBuckets.For(new TargetSpec { Format = DatasetFormat.ImageFolder, BucketRule = BucketRule.Fixed, Resolution = new PixelSize(768, 512) });
        Assert.Equal([new PixelSize(768, 512)], fixedSize.Sizes);
        Assert.Equal(new PixelSize(768, 512), fixedSize.Select(new PixelSize(100, 4000)));
    }
}
