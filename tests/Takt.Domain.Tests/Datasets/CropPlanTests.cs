using CsCheck;
using Takt.Domain.Datasets;

namespace Takt.Domain.Tests.Datasets;

public sealed class CropPlanTests
{
    private static readonly Gen<PixelSize> Size = Gen.Select(Gen.Int[1, 8000], Gen.Int[1, 8000]).Select((w, h) => new PixelSize(w, h));

    [Fact]
    public void Cover_WorkedExample_3840x2160To1344x768_Scales1365x768AndCrops10Left()
    {
        var plan = CropPlan.Cover(new PixelSize(3840, 2160), new PixelSize(1344, 768));

        Assert.Equal(new PixelSize(1365, 768), plan.Scaled);
        Assert.Equal(10, plan.CropX);
        Assert.Equal(0, plan.CropY);
        Assert.False(plan.IsIdentity);
    }

    [Fact]
    public void Cover_TallerImage_MatchesWidthAndCropsTopAndBottom()
    {
        // kohya: 1000×2000 into 832×1216 (wider bucket) → scale = 832/1000 → 832×1664, crop 448 → 224 top.
        var plan = CropPlan.Cover(new PixelSize(1000, 2000), new PixelSize(832, 1216));

        Assert.Equal(new PixelSize(832, 1664), plan.Scaled);
        Assert.Equal(0, plan.CropX);
        Assert.Equal(224, plan.CropY);
    }

    [Fact]
    public void Cover_SameSize_IsTheIdentity()
    {
        Size.Sample(size =>
        {
            var plan = CropPlan.Cover(size, size);
            Assert.True(plan.IsIdentity);
            Assert.Equal(new CropPlan(size, size, 0, 0, size), plan);
        });
    }

    [Fact]
    public void Cover_SameAspect_ScalesToTheBucketWithoutCropping()
    {
        Gen.Select(Gen.Int[1, 64], Gen.Int[1, 64], Gen.Int[1, 40], Gen.Int[1, 40]).Sample((w, h, a, b) =>
        {
            var plan = CropPlan.Cover(new PixelSize(w * a, h * a), new PixelSize(w * b, h * b));
            Assert.Equal(plan.Bucket, plan.Scaled);
            Assert.Equal((0, 0), (plan.CropX, plan.CropY));
        });
    }

    [Fact]
    public void Cover_AnySizes_CoversTheBucketMatchesOneSideAndCentresTheCrop()
    {
        Gen.Select(Size, Size).Sample((source, bucket) =>
        {
            var plan = CropPlan.Cover(source, bucket);

            Assert.Equal(source, plan.Source);
            Assert.Equal(bucket, plan.Bucket);
            Assert.True(plan.Scaled.Width >= bucket.Width && plan.Scaled.Height >= bucket.Height, $"{plan.Scaled} does not cover {bucket}");
            Assert.True(plan.Scaled.Width == bucket.Width || plan.Scaled.Height == bucket.Height, $"{plan.Scaled} matches neither side of {bucket}");
            Assert.Equal((plan.Scaled.Width - bucket.Width) / 2, plan.CropX);
            Assert.Equal((plan.Scaled.Height - bucket.Height) / 2, plan.CropY);
            Assert.InRange(plan.Scaled.Width - bucket.Width - (2 * plan.CropX), 0, 1);
            Assert.InRange(plan.Scaled.Height - bucket.Height - (2 * plan.CropY), 0, 1);
        });
    }

    [Fact]
    public void Cover_AnySizes_KeepsTheSourceAspectToWithinRounding()
    {
        Gen.Select(Size, Size).Sample((source, bucket) =>
        {
            var plan = CropPlan.Cover(source, bucket);

            // Each side is rounded with int(x + 0.5) (kohya), so it is within half a pixel of the
            // exact scale, unless the long side was clamped up to the bucket.
            var scale = Math.Max((double)bucket.Width / source.Width, (double)bucket.Height / source.Height);
            Assert.True(Math.Abs(plan.Scaled.Width - (source.Width * scale)) <= 0.5 + 1e-6 || plan.Scaled.Width == bucket.Width, $"{source} → {plan.Scaled}");
            Assert.True(Math.Abs(plan.Scaled.Height - (source.Height * scale)) <= 0.5 + 1e-6 || plan.Scaled.Height == bucket.Height, $"{source} → {plan.Scaled}");
        });
    }
}
