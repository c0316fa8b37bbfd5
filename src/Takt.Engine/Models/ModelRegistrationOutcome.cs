namespace Takt.Engine.Models;

/// <summary>A registration, or a sentence saying what to fix.</summary>
public sealed record ModelRegistrationOutcome(ModelRegistration? Value, string? Problem)
{
    public static ModelRegistrationOutcome Ok(ModelRegistration value) => new(value, null);

    public static ModelRegistrationOutcome Fail(string problem) => new(null, problem);
}
