using System.Text.Json;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// The node classes a ComfyUI server offers (<c>GET /object_info</c>), reduced to what Takt checks
/// templates against: which classes exist, which inputs each takes, which are output nodes.
/// </summary>
public sealed record ComfyUiObjectInfo(IReadOnlyDictionary<string, ComfyUiNodeClass> Classes)
{
    public ComfyUiNodeClass? Find(string classType) => Classes.GetValueOrDefault(classType);

    internal static ComfyUiObjectInfo Parse(JsonElement root, string route)
    {
        ComfyUiJson.Object(root, "(root)", route);
        var classes = new Dictionary<string, ComfyUiNodeClass>(StringComparer.Ordinal);
        foreach (var entry in root.EnumerateObject())
        {
            var field = entry.Name;
            var node = ComfyUiJson.Object(entry.Value, field, route);
            var inputs = new HashSet<string>(StringComparer.Ordinal);
            if (ComfyUiJson.Optional(node, "input") is { } input)
            {
                ComfyUiJson.Object(input, $"{field}.input", route);
                foreach (var group in input.EnumerateObject())
                {
                    // "hidden" inputs (PROMPT, UNIQUE_ID) are filled by the server, never by a prompt.
                    if (string.Equals(group.Name, "hidden", StringComparison.Ordinal) || group.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    ComfyUiJson.Object(group.Value, $"{field}.input.{group.Name}", route);
                    foreach (var spec in group.Value.EnumerateObject())
                    {
                        inputs.Add(spec.Name);
                    }
                }
            }

            var outputNode = ComfyUiJson.Optional(node, "output_node") is { } flag && ComfyUiJson.Boolean(flag, $"{field}.output_node", route);
            classes[entry.Name] = new ComfyUiNodeClass(entry.Name, inputs, outputNode);
        }

        return new ComfyUiObjectInfo(classes);
    }
}

/// <summary>One node class: its name, the inputs a prompt may set, and whether it is an output node (a root of execution).</summary>
public sealed record ComfyUiNodeClass(string Name, IReadOnlySet<string> Inputs, bool OutputNode);
