namespace Takt.Domain.Rights;

public static class Purposes
{
    public static IReadOnlyList<Purpose> All { get; } = Enum.GetValues<Purpose>();

    /// <summary>Purposes that put a work into a model's weights; category exclusions apply to these.</summary>
    public static bool IsTraining(this Purpose purpose) =>
        purpose is Purpose.GenerativeTraining or Purpose.NonGenerativeTraining or Purpose.SharedPoolTraining;

    public static string Name(Purpose purpose) => purpose switch
    {
        Purpose.GenerativeTraining => "generative-training",
        Purpose.NonGenerativeTraining => "non-generative-training",
        Purpose.ReferenceUse => "reference-use",
        Purpose.SharedPoolTraining => "shared-pool-training",
        Purpose.CreditsDisplay => "credits-display",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    public static bool TryParse(string? text, out Purpose purpose) => EnumNames.TryParse(text, Name, out purpose);
}
