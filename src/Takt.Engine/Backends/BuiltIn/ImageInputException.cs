namespace Takt.Engine.Backends.BuiltIn;

/// <summary>An image input the nodes cannot use; the message names the port and the reason.</summary>
internal sealed class ImageInputException(string message) : Exception(message);
