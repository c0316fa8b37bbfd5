using System.Text.Json.Nodes;

namespace Takt.Engine.Tests.Backends.ComfyUi;

/// <summary>Template files for the tests: ComfyUI's default text-to-image graph and a LoadImage → SaveImage graph.</summary>
internal static class ComfyUiTemplates
{
    public const string Portrait = """
    {
      "name": "portrait",
      "version": 1,
      "description": "Text to image with ComfyUI's default graph",
      "workflow": {
        "3": {"class_type": "KSampler", "inputs": {"seed": 5, "steps": 20, "cfg": 8, "sampler_name": "euler", "scheduler": "normal", "denoise": 1,
              "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
        "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 512, "batch_size": 1}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "masterpiece best quality man"}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "bad hands"}},
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}}
      },
      "parameters": {
        "seed": {"target": "3.seed", "kind": "wholeNumber", "min": 0, "max": 4294967295, "default": 0},
        "prompt": {"target": "6.text", "kind": "text", "default": "a portrait"},
        "steps": {"target": "3.steps", "kind": "wholeNumber", "min": 1, "max": 100, "default": 4}
      },
      "outputs": {"image": {"type": "image", "node": "9"}},
      "seed": "seed",
      "models": [{"target": "4.ckpt_name", "role": "checkpoint"}]
    }
    """;

    public const string Restyle = """
    {
      "name": "restyle",
      "version": 2,
      "workflow": {
        "10": {"class_type": "LoadImage", "inputs": {"image": "example.png"}},
        "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "restyle", "images": ["10", 0]}}
      },
      "inputs": {"reference": {"type": "image", "target": "10.image"}},
      "outputs": {"image": {"type": "image", "node": "9"}}
    }
    """;

    /// <summary>The portrait template with a change applied to its JSON.</summary>
    public static string PortraitWith(Action<JsonObject> change)
    {
        var template = JsonNode.Parse(Portrait)!.AsObject();
        change(template);
        return template.ToJsonString();
    }
}
