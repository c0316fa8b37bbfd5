namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// A model file the workflow loads, recorded in lineage: the input holding its name (e.g.
/// <c>4.ckpt_name</c>), its role (checkpoint, lora, vae…) and optionally the input holding its strength.
/// </summary>
public sealed record ComfyUiTemplateModel(ComfyUiTarget Target, string Role, ComfyUiTarget? Strength = null);
