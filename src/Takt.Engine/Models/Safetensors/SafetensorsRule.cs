namespace Takt.Engine.Models.Safetensors;

/// <summary>
/// The format rule a file broke. Names follow the reference implementation's error variants
/// (huggingface/safetensors <c>SafeTensorError</c>) where one exists, so a message can be matched
/// against what Python tooling reports; the rest split out cases serde lumps together.
/// </summary>
public enum SafetensorsRule
{
    /// <summary>The file is shorter than the 8-byte header length.</summary>
    HeaderTooSmall,

    /// <summary>The header length exceeds 100,000,000 bytes.</summary>
    HeaderTooLarge,

    /// <summary>8 + header length runs past the end of the file.</summary>
    InvalidHeaderLength,

    /// <summary>The header is not valid UTF-8.</summary>
    InvalidHeader,

    /// <summary>The header does not begin with '{'.</summary>
    InvalidHeaderStart,

    /// <summary>The header is not JSON of the expected shape.</summary>
    InvalidHeaderDeserialization,

    /// <summary>A key appears twice in the header or in a tensor entry.</summary>
    DuplicateKey,

    /// <summary>A tensor entry is named <c>__metadata__</c>.</summary>
    ReservedTensorName,

    /// <summary><c>__metadata__</c> is not an object of string values.</summary>
    InvalidMetadata,

    /// <summary>A dtype outside the supported list.</summary>
    UnknownDtype,

    /// <summary>A shape dimension is not a non-negative integer.</summary>
    InvalidShape,

    /// <summary>Offsets are malformed, reversed, or leave a gap or overlap with the previous tensor.</summary>
    InvalidOffset,

    /// <summary>Element count times dtype size overflows.</summary>
    ValidationOverflow,

    /// <summary>The byte range does not match shape times dtype size.</summary>
    TensorInvalidInfo,

    /// <summary>The tensors do not cover the data buffer exactly (trailing or missing bytes).</summary>
    MetadataIncompleteBuffer,
}
