namespace Takt.Domain.Lineage;

/// <summary>Why a child derives from a parent; each role fixes which kinds it may join and how its weight is set.</summary>
public enum EdgeRole : byte
{
    /// <summary>Asset ← contributor: an equal share per rights holder of the asset's work.</summary>
    RightsHolder,
    /// <summary>Dataset ← asset: share of samples × repeats.</summary>
    Sample,
    /// <summary>Training run ← dataset: share of samples × epochs.</summary>
    TrainingData,
    /// <summary>Training run ← model it starts from (fine-tune), with a declared share.</summary>
    InitialModel,
    /// <summary>Model ← the training run that produced it.</summary>
    TrainedBy,
    /// <summary>Model ← a merge input, by normalised non-negative coefficient.</summary>
    MergeInput,
    /// <summary>Model ← a model subtracted in an add-difference merge: weight 0, still reachable for impact.</summary>
    MergeSubtracted,
    /// <summary>Generation ← the checkpoint it ran.</summary>
    BaseModel,
    /// <summary>Generation ← a LoRA, by strength.</summary>
    Lora,
    /// <summary>Generation ← a reference or conditioning image, from the fixed reference share.</summary>
    Reference,
    /// <summary>Generation ← material it transforms or continues (img2img, video extension), from the fixed reference share.</summary>
    Input,
    /// <summary>Edit ← the person who made it, by the declared creative share.</summary>
    Editor,
    /// <summary>Edit ← the material it changes.</summary>
    Edited,
    /// <summary>Render ← a cut's content, by duration.</summary>
    Cut,
    /// <summary>Product ← a render (or other output) it releases.</summary>
    Part,
}
