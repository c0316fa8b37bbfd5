using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>One node being run: its declared type, what it was given, and where it reads and stores.</summary>
internal sealed record NodeRun(NodeType Type, NodeInvocation Invocation, INodeRunContext Context, NodeParameters Parameters)
{
    /// <summary>A permanent failure in the node's own words: bad input cannot be fixed by a retry.</summary>
    public BackendException Fail(string problem, Exception? inner = null) => new($"{Type.Name}: {problem}", transient: false, inner);

    public PortValue Input(string port, PortType type)
    {
        if (!Invocation.Inputs.TryGetValue(port, out var value))
        {
            throw Fail($"input '{port}' is not connected");
        }

        return value.Type == type ? value : throw Fail($"input '{port}' must be {type}, not {value.Type}");
    }

    /// <summary>The whole content of a blob-backed input: built-in inputs are single images or clips, fine in memory.</summary>
    public async Task<byte[]> ReadAsync(PortValue value, CancellationToken cancellationToken)
    {
        if (value.BlobHash is null)
        {
            throw Fail($"a {value.Type} input must be stored content, but this one has no blob");
        }

        await using var stream = await Context.OpenAsync(value, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static IReadOnlyDictionary<string, PortValue> Outputs(string port, PortValue value) =>
        new Dictionary<string, PortValue>(StringComparer.Ordinal) { [port] = value };
}
