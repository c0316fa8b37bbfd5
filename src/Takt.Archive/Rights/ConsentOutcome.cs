using Takt.Persistence.Archive;

namespace Takt.Archive.Rights;

/// <summary>The result of a consent operation: the value and the work it applied to, or what the user must fix.</summary>
public sealed record ConsentOutcome<T>(T? Value, WorkRow? Work, string? Problem)
    where T : class;

public static class ConsentOutcome
{
    public static ConsentOutcome<T> Ok<T>(T value, WorkRow work)
        where T : class => new(value, work, null);

    public static ConsentOutcome<T> Fail<T>(string problem)
        where T : class => new(null, null, problem);
}
