using System.Text.Json;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Models.Merging;

/// <summary>
/// What to merge and how. <see cref="Base"/> is C for add-difference and θ_base for TIES and DARE.
/// Parse one from JSON with <see cref="Parse"/>, which checks each method's required fields.
/// </summary>
public sealed partial record MergeRecipe
{
    public required MergeMethod Method { get; init; }

    public required IReadOnlyList<MergeInput> Inputs { get; init; }

    public string? Base { get; init; }

    /// <summary>α of add-difference.</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>The share of each task vector TIES keeps, in [0, 1].</summary>
    public double Density { get; init; } = 1;

    /// <summary>λ, the scale of the merged task vector (TIES, DARE).</summary>
    public double Lambda { get; init; } = 1;

    /// <summary>DARE's drop probability p, in [0, 1].</summary>
    public double DropProbability { get; init; }

    /// <summary>DARE's mask seed: the same seed gives the same merge.</summary>
    public ulong Seed { get; init; }

    /// <summary>SLERP's position between A (0) and B (1).</summary>
    public double T { get; init; } = 0.5;

    /// <summary>F16, BF16 or F32 for every float tensor; null keeps the first input's dtype per tensor.</summary>
    public SafetensorsDtype? OutputDtype { get; init; }

    /// <summary>Every file the merge reads, inputs first, then the base: the order input hashes are reported in.</summary>
    public IReadOnlyList<string> Files => Base is null ? [.. Inputs.Select(i => i.Path)] : [.. Inputs.Select(i => i.Path), Base];

    public static string MethodName(MergeMethod method) => method switch
    {
        MergeMethod.WeightedSum => "weighted-sum",
        MergeMethod.AddDifference => "add-difference",
        MergeMethod.Ties => "ties",
        MergeMethod.Dare => "dare",
        MergeMethod.Slerp => "slerp",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown merge method"),
    };

    /// <summary>Reads a recipe file; relative paths in it are relative to the file's folder.</summary>
    public static async Task<MergeRecipe> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new MergeException($"recipe file '{path}' does not exist");
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        return Parse(json, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// The recipe as canonical JSON for the output's <c>__metadata__</c>: model files by name only
    /// (where they lay is not part of what was merged; their hashes identify them).
    /// </summary>
    public string ToMetadataJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("method", MethodName(Method));
            writer.WriteStartArray("inputs");
            foreach (var input in Inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("path", Path.GetFileName(input.Path));
                writer.WriteNumber("coefficient", input.Coefficient);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (Base is not null)
            {
                writer.WriteString("base", Path.GetFileName(Base));
            }

            switch (Method)
            {
                case MergeMethod.AddDifference:
                    writer.WriteNumber("alpha", Alpha);
                    break;
                case MergeMethod.Ties:
                    writer.WriteNumber("density", Density);
                    writer.WriteNumber("lambda", Lambda);
                    break;
                case MergeMethod.Dare:
                    writer.WriteNumber("dropProbability", DropProbability);
                    writer.WriteNumber("seed", Seed);
                    writer.WriteNumber("lambda", Lambda);
                    break;
                case MergeMethod.Slerp:
                    writer.WriteNumber("t", T);
                    break;
                default:
                    break;
            }

            if (OutputDtype is { } dtype)
            {
                writer.WriteString("outputDtype", dtype.ToFormatName());
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
