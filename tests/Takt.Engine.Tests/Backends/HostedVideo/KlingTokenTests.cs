using Takt.Engine.Backends;
using Takt.Engine.Backends.HostedVideo;
using Takt.Engine.Backends.HostedVideo.Kling;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class KlingTokenTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    public void Header_ReusesTheJwt_UntilFiveMinutesBeforeExpiry_ThenMakesANewOne()
    {
        var clock = new ManualClock(Start);
        var token = new KlingToken(new ApiSecret(new OneSecret("AK-test-0001:SK-secret-0001"), "KLING", "kling", new SecretRedactor()), new SecretRedactor(), clock);

        var first = token.Header().Parameter;
        clock.Now = Start.AddMinutes(24);
        var reused = token.Header().Parameter;
        clock.Now = Start.AddMinutes(26);
        var renewed = token.Header().Parameter;

        Assert.Equal(KlingJwt.Create("AK-test-0001", "SK-secret-0001", Start), first);
        Assert.Equal(first, reused);
        Assert.Equal(KlingJwt.Create("AK-test-0001", "SK-secret-0001", Start.AddMinutes(26)), renewed);
    }

    [Fact]
    public void Header_RotatedSecret_MakesANewJwtAtOnce()
    {
        var clock = new ManualClock(Start);
        var secrets = new OneSecret("AK-test-0001:SK-secret-0001");
        var token = new KlingToken(new ApiSecret(secrets, "KLING", "kling", new SecretRedactor()), new SecretRedactor(), clock);

        var first = token.Header().Parameter;
        secrets.Value = "AK-test-0001:SK-secret-0002";
        var rotated = token.Header().Parameter;

        Assert.Equal(KlingJwt.Create("AK-test-0001", "SK-secret-0002", Start), rotated);
        Assert.NotEqual(first, rotated);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class OneSecret(string value) : ISecretSource
    {
        public string Value { get; set; } = value;

        public string? Get(string name) => Value;
    }
}
