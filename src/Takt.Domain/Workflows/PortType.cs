namespace Takt.Domain.Workflows;

/// <summary>What travels along a workflow edge. An output feeds an input only of the same type.</summary>
public enum PortType : byte
{
    Image,
    ImageSequence,
    Video,
    Audio,
    Mask,
    Text,
    Number,
    Curve,
    Model,
    Json,
}
