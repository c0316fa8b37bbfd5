namespace Takt.Engine.Models.Safetensors;

/// <summary>
/// Element types of a safetensors file. The order is the reference implementation's (increasing
/// alignment), which its writer sorts on; <see cref="SafetensorsWriter"/> relies on it, so keep it.
/// Sub-byte types (F4, F6_*) and the FNUZ/E8M0 variants are not supported yet and read as unknown.
/// </summary>
public enum SafetensorsDtype
{
    Bool,
    U8,
    I8,
    F8E5M2,
    F8E4M3,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}
