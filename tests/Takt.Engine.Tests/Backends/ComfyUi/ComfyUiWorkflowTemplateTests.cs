using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.ComfyUi;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Backends.ComfyUi;

public sealed class ComfyUiWorkflowTemplateTests
{
    [Fact]
    public void Parse_Portrait_BecomesASeededComfyUiNodeType()
    {
        var template = ComfyUiWorkflowTemplate.Parse(ComfyUiTemplates.Portrait, "portrait.json");

        var type = template.ToNodeType();

        Assert.Equal("comfyui.portrait", type.Name);
        Assert.Equal(1, type.Version);
        Assert.Equal("comfyui", type.Capability);
        Assert.Equal(SeedSupport.Seeded, type.Seed);
        Assert.Equal(["seed", "prompt", "steps"], type.Parameters.Select(p => p.Name));
        Assert.Equal(ParameterKind.WholeNumber, type.Parameter("seed")!.Kind);
        Assert.Equal(4294967295, type.Parameter("seed")!.Max);
        Assert.Empty(type.Inputs);
        Assert.Equal(new PortSpec("image", PortType.Image), Assert.Single(type.Outputs));
        Assert.Equal(["CLIPTextEncode", "CheckpointLoaderSimple", "EmptyLatentImage", "KSampler", "SaveImage", "VAEDecode"], template.ClassTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_ManyProblems_NamesEveryOne()
    {
        var json = ComfyUiTemplates.PortraitWith(t =>
        {
            t["name"] = "Portrait!";
            t["parameters"]!["seed"]!["target"] = "30.seed";
            t["parameters"]!["prompt"]!["target"] = "6.txt";
            t["parameters"]!["steps"]!["kind"] = "integer";
            t["parameters"]!["model"] = new JsonObject { ["target"] = "3.model", ["kind"] = "text" };
            t["parameters"]!["cfg"] = new JsonObject { ["target"] = "3.cfg", ["kind"] = "number", ["min"] = 10, ["max"] = 1, ["colour"] = "red" };
            t["outputs"]!["image"]!["node"] = "99";
            t["models"]!.AsArray().Add(new JsonObject { ["target"] = "4.ckpt_name" });
        });

        var error = Assert.Throws<ComfyUiTemplateException>(() => ComfyUiWorkflowTemplate.Parse(json, "bad.json"));

        Assert.Equal(
            [
                "'name' \"Portrait!\" must be lower-case letters, digits, '-', '_' or '.' (it becomes node type comfyui.Portrait!)",
                "parameter 'seed': target '30.seed' names node 30, which the workflow lacks",
                "parameter 'prompt': target '6.txt': node 6 (CLIPTextEncode) has no input 'txt' in the workflow",
                "parameter 'steps': kind 'integer' is not one of number, wholeNumber, text, boolean, choice, json",
                "parameter 'model': target '3.model' is linked to node 4; a template may only set constant inputs",
                "parameter 'cfg': unknown field 'colour' (known: target, kind, min, max, default, choices, description)",
                "parameter 'cfg': 'min' (10) is above 'max' (1)",
                "output 'image': node 99 is not in the workflow",
                "models[1]: 'role' is missing",
            ],
            error.Problems);
        Assert.StartsWith("ComfyUI template bad.json has 9 problems: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name": "a", "name": "b"}""", "not valid JSON")]
    [InlineData("""[1, 2]""", "the file must hold a JSON object")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"nodes": [], "links": []}, "outputs": {}}""", "'workflow' is in ComfyUI's UI format (nodes and links); export it with \"Save (API Format)\" instead")]
    [InlineData("""{"name": "x", "version": 0, "workflow": {"1": {"class_type": "SaveImage", "inputs": {}}}, "outputs": {}}""", "'version' must be a whole number of at least 1")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {"images": ["2", 0]}}}, "outputs": {}}""", "workflow node 1 input 'images' links to node 2, which the workflow lacks")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"inputs": {}}}, "outputs": {}}""", "workflow node 1 has no 'class_type'")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {}}}}""", "'outputs' is missing: name at least one output node, e.g. {\"image\": {\"type\": \"image\", \"node\": \"9\"}}")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {}}}, "outputs": {"o": {"type": "text", "node": "1"}}}""", "output 'o': type 'text' is not one of image, mask, video, audio")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {"a": 1}}}, "parameters": {"p": {"target": "1.a", "kind": "text"}}, "outputs": {}, "seed": "p"}""", "'seed' names parameter 'p', which must be of kind wholeNumber")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {"a": 1}}}, "parameters": {"p": {"target": "1.a", "kind": "text"}, "q": {"target": "1.a", "kind": "text"}}, "outputs": {}}""", "parameter 'q': target '1.a' is already set by parameter 'p'")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {"a": 1}}}, "parameters": {"p": {"target": "1.a", "kind": "wholeNumber", "max": 5, "default": 9}}, "outputs": {}}""", "parameter 'p': 'default' is 9, above the maximum 5")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {"a": 1}}}, "parameters": {"p": {"target": "1.a", "kind": "choice"}}, "outputs": {}}""", "parameter 'p': kind choice needs 'choices'")]
    [InlineData("""{"name": "x", "version": 1, "workflow": {"1": {"class_type": "SaveImage", "inputs": {"a": 1}}}, "parameters": {"p": {"target": "1.a", "kind": "text"}}, "inputs": {"p": {"type": "image", "target": "1.a"}}, "outputs": {}}""", "input 'p': the name is also a parameter's; use distinct names")]
    public void Parse_Problem_IsNamed(string json, string problem)
    {
        var error = Assert.Throws<ComfyUiTemplateException>(() => ComfyUiWorkflowTemplate.Parse(json, "t.json"));

        Assert.Contains(error.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Instantiate_ParameterValues_LandOnTheirTargetsAndNowhereElse()
    {
        var template = ComfyUiWorkflowTemplate.Parse(ComfyUiTemplates.Portrait, "portrait.json");
        var original = template.Workflow;

        Gen.Select(Gen.Long[0, 4294967295], Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.Int[1, 100]).Sample((seed, prompt, steps) =>
        {
            var invocation = Invocation(template, new { seed, prompt, steps });

            var instance = template.Instantiate(invocation, new Dictionary<string, string>());

            Assert.Equal(seed, instance["3"]!["inputs"]!["seed"]!.GetValue<long>());
            Assert.Equal(prompt, instance["6"]!["inputs"]!["text"]!.GetValue<string>());
            Assert.Equal(steps, instance["3"]!["inputs"]!["steps"]!.GetValue<int>());
            Assert.Equal(seed, template.SeedOf(invocation));
            instance["3"]!["inputs"]!["seed"] = original["3"]!["inputs"]!["seed"]!.DeepClone();
            instance["3"]!["inputs"]!["steps"] = original["3"]!["inputs"]!["steps"]!.DeepClone();
            instance["6"]!["inputs"]!["text"] = original["6"]!["inputs"]!["text"]!.DeepClone();
            Assert.True(JsonNode.DeepEquals(original, instance), "only the targeted inputs change");
        });
    }

    [Fact]
    public void Instantiate_ValueOutOfRange_PermanentErrorNamingTheParameter()
    {
        var template = ComfyUiWorkflowTemplate.Parse(ComfyUiTemplates.Portrait, "portrait.json");

        Gen.Long[101, long.MaxValue].Sample(steps =>
        {
            var error = Assert.Throws<BackendException>(() => template.Instantiate(Invocation(template, new { steps }), new Dictionary<string, string>()));

            Assert.False(error.Transient);
            Assert.Equal($"comfyui.portrait: parameter 'steps' is {steps}, above the maximum 100", error.Message);
        });
    }

    [Fact]
    public void Parse_TargetOnAnAbsentNode_IsAlwaysNamed()
    {
        var present = new HashSet<string>(["3", "4", "5", "6", "7", "8", "9"], StringComparer.Ordinal);
        Gen.String[Gen.Char.AlphaNumeric, 1, 6].Where(id => !present.Contains(id)).Sample(id =>
        {
            var json = ComfyUiTemplates.PortraitWith(t => t["parameters"]!["prompt"]!["target"] = $"{id}.text");

            var error = Assert.Throws<ComfyUiTemplateException>(() => ComfyUiWorkflowTemplate.Parse(json, "t.json"));

            Assert.Equal([$"parameter 'prompt': target '{id}.text' names node {id}, which the workflow lacks"], error.Problems);
        });
    }

    [Fact]
    public void LoadTemplates_BadFiles_NamesEachFileAndProblem()
    {
        using var folder = new TempFolder("takt-comfyui-templates");
        File.WriteAllText(Path.Combine(folder.Path, "good.json"), ComfyUiTemplates.Portrait);
        File.WriteAllText(Path.Combine(folder.Path, "bad.json"), ComfyUiTemplates.PortraitWith(t => t["outputs"]!["image"]!["node"] = "99"));
        File.WriteAllText(Path.Combine(folder.Path, "worse.json"), "{");

        var error = Assert.Throws<ComfyUiTemplateException>(() => ComfyUiBackend.LoadTemplates(folder.Path));

        Assert.Equal(2, error.Problems.Count);
        Assert.Equal("bad.json: output 'image': node 99 is not in the workflow", error.Problems[0]);
        Assert.StartsWith("worse.json: not valid JSON", error.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TwoTemplatesOfOneName_Refused()
    {
        using var folder = new TempFolder("takt-comfyui-templates");
        File.WriteAllText(Path.Combine(folder.Path, "a.json"), ComfyUiTemplates.Portrait);
        File.WriteAllText(Path.Combine(folder.Path, "b.json"), ComfyUiTemplates.Portrait);
        using var http = new HttpClient();
        var config = new BackendConfig("gpu1", "comfyui", new Uri("http://127.0.0.1:8188/"), 1, new Dictionary<string, string> { ["templates"] = folder.Path });

        var error = Assert.Throws<ArgumentException>(() => ComfyUiBackend.Create(config, http, TimeProvider.System));

        Assert.StartsWith("two templates declare the same node type: comfyui.portrait in ", error.Message, StringComparison.Ordinal);
    }

    private static NodeInvocation Invocation(ComfyUiWorkflowTemplate template, object parameters) => new(
        Guid.NewGuid(),
        "n",
        template.ToNodeType(),
        JsonSerializer.SerializeToElement(parameters).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        new Dictionary<string, PortValue>(),
        Attempt: 1);
}
