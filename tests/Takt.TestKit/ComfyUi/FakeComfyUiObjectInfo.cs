using System.Text.Json.Nodes;

namespace Takt.TestKit.ComfyUi;

/// <summary>
/// The fake's node catalogue: the classes of ComfyUI's default text-to-image graph plus LoadImage,
/// with input specs shaped as <c>GET /object_info</c> returns them (type, options; a list type is a combo).
/// </summary>
internal static class FakeComfyUiObjectInfo
{
    public static readonly string[] Checkpoints = ["v1-5-pruned-emaonly.safetensors", "sd_xl_base_1.0.safetensors"];
    public static readonly string[] Samplers = ["euler", "euler_ancestral", "dpmpp_2m", "ddim"];
    public static readonly string[] Schedulers = ["normal", "karras", "exponential", "simple"];

    public static JsonObject Build(IEnumerable<string> inputFiles) => new()
    {
        ["CheckpointLoaderSimple"] = Node("CheckpointLoaderSimple", "loaders", Required(("ckpt_name", Combo(Checkpoints))), ["MODEL", "CLIP", "VAE"]),
        ["CLIPTextEncode"] = Node("CLIPTextEncode", "conditioning", Required(("text", Spec("STRING", new JsonObject { ["multiline"] = true, ["dynamicPrompts"] = true })), ("clip", Spec("CLIP"))), ["CONDITIONING"]),
        ["KSampler"] = Node("KSampler", "sampling", Required(
            ("model", Spec("MODEL")),
            ("seed", Spec("INT", new JsonObject { ["default"] = 0, ["min"] = 0, ["max"] = 18446744073709551615, ["control_after_generate"] = true })),
            ("steps", Spec("INT", new JsonObject { ["default"] = 20, ["min"] = 1, ["max"] = 10000 })),
            ("cfg", Spec("FLOAT", new JsonObject { ["default"] = 8.0, ["min"] = 0.0, ["max"] = 100.0, ["step"] = 0.1, ["round"] = 0.01 })),
            ("sampler_name", Combo(Samplers)),
            ("scheduler", Combo(Schedulers)),
            ("positive", Spec("CONDITIONING")),
            ("negative", Spec("CONDITIONING")),
            ("latent_image", Spec("LATENT")),
            ("denoise", Spec("FLOAT", new JsonObject { ["default"] = 1.0, ["min"] = 0.0, ["max"] = 1.0, ["step"] = 0.01 }))), ["LATENT"]),
        ["EmptyLatentImage"] = Node("EmptyLatentImage", "latent", Required(
            ("width", Spec("INT", new JsonObject { ["default"] = 512, ["min"] = 16, ["max"] = 16384, ["step"] = 8 })),
            ("height", Spec("INT", new JsonObject { ["default"] = 512, ["min"] = 16, ["max"] = 16384, ["step"] = 8 })),
            ("batch_size", Spec("INT", new JsonObject { ["default"] = 1, ["min"] = 1, ["max"] = 4096 }))), ["LATENT"]),
        ["VAEDecode"] = Node("VAEDecode", "latent", Required(("samples", Spec("LATENT")), ("vae", Spec("VAE"))), ["IMAGE"]),
        ["SaveImage"] = Node("SaveImage", "image", Required(("images", Spec("IMAGE")), ("filename_prefix", Spec("STRING", new JsonObject { ["default"] = "ComfyUI" }))), [], outputNode: true),
        ["LoadImage"] = Node("LoadImage", "image", Required(("image", new JsonArray(new JsonArray(inputFiles.Order(StringComparer.Ordinal).Select(f => (JsonNode?)f).ToArray()), new JsonObject { ["image_upload"] = true }))), ["IMAGE", "MASK"]),
    };

    private static JsonObject Node(string name, string category, JsonObject required, string[] outputs, bool outputNode = false) => new()
    {
        ["input"] = outputNode
            ? new JsonObject { ["required"] = required, ["hidden"] = new JsonObject { ["prompt"] = "PROMPT", ["extra_pnginfo"] = "EXTRA_PNGINFO" } }
            : new JsonObject { ["required"] = required },
        ["input_order"] = new JsonObject { ["required"] = new JsonArray(required.Select(p => (JsonNode?)p.Key).ToArray()) },
        ["output"] = new JsonArray(outputs.Select(o => (JsonNode?)o).ToArray()),
        ["output_is_list"] = new JsonArray(outputs.Select(_ => (JsonNode?)false).ToArray()),
        ["output_name"] = new JsonArray(outputs.Select(o => (JsonNode?)o).ToArray()),
        ["name"] = name,
        ["display_name"] = name,
        ["description"] = "",
        ["python_module"] = "nodes",
        ["category"] = category,
        ["output_node"] = outputNode,
    };

    private static JsonObject Required(params (string Name, JsonArray Spec)[] inputs)
    {
        var required = new JsonObject();
        foreach (var (name, spec) in inputs)
        {
            required[name] = spec;
        }

        return required;
    }

    private static JsonArray Spec(string type, JsonObject? options = null) => new(type, options ?? []);

    private static JsonArray Combo(string[] values) => new(new JsonArray(values.Select(v => (JsonNode?)v).ToArray()), new JsonObject());
}
