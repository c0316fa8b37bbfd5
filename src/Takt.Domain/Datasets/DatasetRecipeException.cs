namespace Takt.Domain.Datasets;

/// <summary>A recipe or target spec that cannot be built, with the field at fault named.</summary>
public sealed class DatasetRecipeException(string message) : Exception(message);
