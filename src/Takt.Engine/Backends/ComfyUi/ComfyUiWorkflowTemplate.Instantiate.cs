using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiWorkflowTemplate
{
    /// <summary>
    /// The API prompt for one invocation: the workflow with each parameter's value written into its
    /// targets and each connected input's uploaded file name written into its LoadImage targets.
    /// An unconnected optional input leaves the workflow's own value in place.
    /// </summary>
    /// <param name="uploadedNames">Per input port, the name ComfyUI gave the uploaded file (<see cref="ComfyUiUpload.Reference"/>).</param>
    public JsonObject Instantiate(NodeInvocation invocation, IReadOnlyDictionary<string, string> uploadedNames)
    {
        var prompt = Workflow;
        foreach (var parameter in Parameters)
        {
            var value = ValueOf(parameter, invocation);
            if (ComfyUiParameterValues.Problem(parameter.Spec, value) is { } problem)
            {
                throw new BackendException($"{NodeTypeName}: parameter '{parameter.Spec.Name}' {problem}", transient: false);
            }

            foreach (var target in parameter.Targets)
            {
                Set(prompt, target, JsonNode.Parse(value.GetRawText()));
            }
        }

        foreach (var input in Inputs)
        {
            if (uploadedNames.TryGetValue(input.Port.Name, out var name))
            {
                foreach (var target in input.Targets)
                {
                    Set(prompt, target, JsonValue.Create(name));
                }
            }
            else if (!input.Port.Optional)
            {
                throw new BackendException($"{NodeTypeName}: input '{input.Port.Name}' is required but nothing is connected to it", transient: false);
            }
        }

        return prompt;
    }

    /// <summary>The models the prompt loads, named as ComfyUI knows them, for lineage.</summary>
    public IReadOnlyList<ModelUse> ModelsIn(JsonObject prompt)
    {
        var models = new List<ModelUse>();
        foreach (var model in Models)
        {
            if (Get(prompt, model.Target) is JsonValue name && name.TryGetValue<string>(out var file))
            {
                var strength = model.Strength is { } s && Get(prompt, s) is JsonValue v && v.TryGetValue<double>(out var d) ? d : 1;
                models.Add(new ModelUse(file, Sha256: null, model.Role, strength));
            }
        }

        return models;
    }

    private static void Set(JsonObject prompt, ComfyUiTarget target, JsonNode? value) =>
        ((JsonObject)prompt[target.NodeId]!["inputs"]!)[target.Input] = value;

    private static JsonNode? Get(JsonObject prompt, ComfyUiTarget target) =>
        prompt[target.NodeId]?["inputs"]?[target.Input];
}
