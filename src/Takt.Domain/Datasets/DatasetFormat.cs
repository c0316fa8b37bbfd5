namespace Takt.Domain.Datasets;

/// <summary>The trainer layout a dataset version is written in.</summary>
public enum DatasetFormat
{
    /// <summary>kohya-ss sd-scripts: N_concept folders, .txt captions, dataset_config.toml.</summary>
    Kohya,

    /// <summary>OneTrainer concepts: concepts.json, captions, -masklabel / -condlabel files.</summary>
    OneTrainer,

    /// <summary>Hugging Face datasets imagefolder: train/metadata.jsonl with relative paths.</summary>
    ImageFolder,

    /// <summary>WebDataset tar shards: sorted, fixed mtime/owner, dot-free keys, size-capped.</summary>
    WebDataset,

    /// <summary>Video clips of 4k+1 frames with captions (musubi-tuner / diffusion-pipe).</summary>
    VideoClips,
}
