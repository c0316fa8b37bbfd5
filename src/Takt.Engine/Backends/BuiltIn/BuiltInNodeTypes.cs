using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// The node types the built-in backend declares. Bump a type's version whenever the same inputs
/// would give different bytes (a kernel, an encoder setting), so cached results are not reused.
/// </summary>
public static class BuiltInNodeTypes
{
    public const string Capability = "builtin";

    /// <summary>The largest width or height an image node accepts or makes.</summary>
    public const int MaxSide = 16384;

    public static NodeType LoadAsset { get; } = Load("takt.load-asset", PortType.Image, "image", "an image asset (PNG, JPEG, WebP, TIFF, GIF)");

    public static NodeType LoadVideo { get; } = Load("takt.load-video", PortType.Video, "video", "a video asset");

    public static NodeType LoadAudio { get; } = Load("takt.load-audio", PortType.Audio, "audio", "an audio asset");

    public static NodeType Export { get; } = new(
        "takt.export", 1, Capability,
        [new PortSpec("image", PortType.Image, Optional: true), new PortSpec("video", PortType.Video, Optional: true), new PortSpec("audio", PortType.Audio, Optional: true)],
        [new PortSpec("path", PortType.Text, Description: "the file's path relative to the workspace, e.g. outputs/shot.png")],
        [new ParameterSpec("name", ParameterKind.Text, Description: "the file name under outputs/ (no folders); the media type's extension is added when it has none")],
        Description: "Writes the one connected input to a file under the workspace's outputs/ folder.",
        Cacheable: false);

    public static NodeType Resize { get; } = new(
        "takt.resize", 1, Capability,
        [new PortSpec("image", PortType.Image)],
        [new PortSpec("image", PortType.Image)],
        [
            new ParameterSpec("width", ParameterKind.WholeNumber, Min: 1, Max: MaxSide),
            new ParameterSpec("height", ParameterKind.WholeNumber, Min: 1, Max: MaxSide),
            new ParameterSpec("fit", ParameterKind.Choice, Value("exact"), Choices: ["exact", "cover", "contain"],
                Description: "exact: stretch to the size; cover: fill it and cut the overflow evenly; contain: fit inside it, keeping the aspect"),
        ],
        Description: "Scales an image with Lanczos3 on premultiplied alpha; PNG out.");

    public static NodeType Crop { get; } = new(
        "takt.crop", 1, Capability,
        [new PortSpec("image", PortType.Image)],
        [new PortSpec("image", PortType.Image)],
        [
            new ParameterSpec("x", ParameterKind.WholeNumber, Value(0), Min: 0, Max: MaxSide - 1),
            new ParameterSpec("y", ParameterKind.WholeNumber, Value(0), Min: 0, Max: MaxSide - 1),
            new ParameterSpec("width", ParameterKind.WholeNumber, Min: 1, Max: MaxSide),
            new ParameterSpec("height", ParameterKind.WholeNumber, Min: 1, Max: MaxSide),
        ],
        Description: "Cuts a rectangle out of an image; it must lie inside the image. PNG out.");

    public static NodeType Pan { get; } = new(
        "takt.pan", 1, Capability,
        [new PortSpec("image", PortType.Image)],
        [new PortSpec("frames", PortType.ImageSequence)],
        [
            new ParameterSpec("width", ParameterKind.WholeNumber, Min: 2, Max: MaxSide, Description: "the camera window's width"),
            new ParameterSpec("height", ParameterKind.WholeNumber, Min: 2, Max: MaxSide, Description: "the camera window's height"),
            new ParameterSpec("frames", ParameterKind.WholeNumber, Value(48), Min: 1, Max: 10_000),
            new ParameterSpec("fps", ParameterKind.WholeNumber, Value(24), Min: 1, Max: 240),
            new ParameterSpec("from-x", ParameterKind.WholeNumber, Value(0), Min: 0, Max: MaxSide - 1, Description: "the window's top-left corner on the first frame"),
            new ParameterSpec("from-y", ParameterKind.WholeNumber, Value(0), Min: 0, Max: MaxSide - 1),
            new ParameterSpec("to-x", ParameterKind.WholeNumber, Value(0), Min: 0, Max: MaxSide - 1, Description: "the window's top-left corner on the last frame"),
            new ParameterSpec("to-y", ParameterKind.WholeNumber, Value(0), Min: 0, Max: MaxSide - 1),
            new ParameterSpec("ease", ParameterKind.Choice, Value("ease-in-out"), Choices: ["linear", "ease-in-out"], Description: "how the camera travels: at one speed, or starting and stopping gently (sine)"),
        ],
        Description: "A camera pan (撮影's slide) over a still: a window of the given size travels from one corner position to another, one PNG frame per step, whole pixels.");

    public static NodeType Composite { get; } = new(
        "takt.composite", 1, Capability,
        [new PortSpec("base", PortType.Image), new PortSpec("overlay", PortType.Image)],
        [new PortSpec("image", PortType.Image)],
        [
            new ParameterSpec("x", ParameterKind.WholeNumber, Value(0), Min: -MaxSide, Max: MaxSide),
            new ParameterSpec("y", ParameterKind.WholeNumber, Value(0), Min: -MaxSide, Max: MaxSide),
            new ParameterSpec("opacity", ParameterKind.Number, Value(1.0), Min: 0, Max: 1),
            new ParameterSpec("blend", ParameterKind.Choice, Value("normal"), Choices: ["normal"]),
        ],
        Description: "Lays the overlay over the base at (x, y) with the given opacity (normal blend, premultiplied alpha); the base's size, PNG out.");

    public static NodeType Frame { get; } = new(
        "takt.frame", 1, Capability, [],
        [new PortSpec("image", PortType.Image)],
        [
            new ParameterSpec("frame", ParameterKind.Text, Description: "the frame's sha256"),
            new ParameterSpec("source", ParameterKind.Text, Description: "the lineage node of the engine node that made it"),
        ],
        Description: "A frame an earlier node of this studio made (a timeline extension's previous frame, a fill's ends), with its lineage.",
        Cacheable: false);

    public static NodeType Interpolate { get; } = new(
        "takt.interpolate", 1, Capability,
        [new PortSpec("from", PortType.Image), new PortSpec("to", PortType.Image)],
        [new PortSpec("image", PortType.Image)],
        [
            new ParameterSpec("t", ParameterKind.Number, Min: 0, Max: 1, Description: "where between the frames: 0 the first, 1 the second"),
            new ParameterSpec("method", ParameterKind.Choice, Value("crossfade"), Choices: ["crossfade"], Description: "crossfade: the classical fallback, a mix of premultiplied pixels"),
        ],
        Description: "An in-between (中割り) of two frames of one size at t. PNG out.");

    public static NodeType Text { get; } = new(
        "takt.text", 1, Capability, [], [new PortSpec("text", PortType.Text)],
        [new ParameterSpec("text", ParameterKind.Text)]);

    public static NodeType Number { get; } = new(
        "takt.number", 1, Capability, [], [new PortSpec("number", PortType.Number)],
        [new ParameterSpec("value", ParameterKind.Number)]);

    public static NodeType Curve { get; } = new(
        "takt.curve", 1, Capability, [], [new PortSpec("curve", PortType.Curve)],
        [new ParameterSpec("keys", ParameterKind.Json, Description: "a list of {frame, value, interpolation: constant|linear|bezier (with out/in handles)|inverse-step|ease-in-quad|ease-out-cubic|ease-in-out-sine…}, frames strictly increasing (docs/curves.md)")]);

    public static NodeType CurveSample { get; } = new(
        "takt.curve-sample", 1, Capability,
        [new PortSpec("curve", PortType.Curve)],
        [new PortSpec("value", PortType.Number)],
        [new ParameterSpec("frame", ParameterKind.Number)],
        Description: "The curve's value at a frame; the first key's value before it, the last key's after it.");

    public static NodeType FramesToVideo { get; } = new(
        "takt.frames-to-video", 1, Capability,
        [new PortSpec("frames", PortType.ImageSequence)],
        [new PortSpec("video", PortType.Video)],
        [new ParameterSpec("fps", ParameterKind.WholeNumber, Value(0), Min: 0, Max: 240, Description: "0: the sequence's own rate, which must then be whole")],
        Description: "Encodes frames of one size into an H.264 MP4 (yuv420p), deterministically.");

    public static NodeType VideoToFrames { get; } = new(
        "takt.video-to-frames", 1, Capability,
        [new PortSpec("video", PortType.Video)],
        [new PortSpec("frames", PortType.ImageSequence)],
        [new ParameterSpec("fps", ParameterKind.Number, Value(0), Min: 0, Max: 240, Description: "0: every frame at the video's own rate")],
        Description: "Decodes a video's first video stream into 8-bit RGB PNG frames.");

    public static NodeType Noop { get; } = new(
        "takt.noop", 1, Capability,
        [new PortSpec("json", PortType.Json, Optional: true)],
        [new PortSpec("json", PortType.Json)],
        [],
        Description: "Passes its input on (null when unconnected) and does no work: the engine's own overhead, measured.");

    public static NodeType Wait { get; } = new(
        "takt.wait", 1, Capability,
        [],
        [new PortSpec("seconds", PortType.Number)],
        [new ParameterSpec("seconds", ParameterKind.Number, Min: 0, Max: 3600)],
        Description: "Waits, reporting progress every 100 ms and stopping at once when cancelled: a node that is still running.");

    public static IReadOnlyList<NodeType> All { get; } =
        [LoadAsset, LoadVideo, LoadAudio, Export, Resize, Crop, Pan, Composite, Frame, Interpolate, Text, Number, Curve, CurveSample, FramesToVideo, VideoToFrames, Noop, Wait];

    private static NodeType Load(string name, PortType type, string port, string what) => new(
        name, 1, Capability, [], [new PortSpec(port, type)],
        [new ParameterSpec("asset", ParameterKind.Text, Description: "an archive asset id (or an unambiguous start or end of it), or sha256:<hex> of its bytes")],
        Description: $"Brings {what} from the archive into the workflow, if consent for reference use allows it.",
        Cacheable: false);

    private static JsonElement Value<T>(T value) => JsonSerializer.SerializeToElement(value);
}
