namespace Takt.Domain.Workflows;

public enum ParameterKind : byte
{
    /// <summary>Any finite JSON number, within the declared range.</summary>
    Number,
    /// <summary>A JSON number with no fractional part, within the declared range.</summary>
    WholeNumber,
    Text,
    Boolean,
    /// <summary>One of the declared choices (a JSON string).</summary>
    Choice,
    /// <summary>Any JSON value; the node checks its shape.</summary>
    Json,
}
