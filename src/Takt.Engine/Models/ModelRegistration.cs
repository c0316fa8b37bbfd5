using Takt.Domain.Lineage;

namespace Takt.Engine.Models;

/// <summary>A model's lineage node. <see cref="AlreadyRegistered"/>: the tenant had this data hash already, and this is that node.</summary>
public sealed record ModelRegistration(LineageNodeId Node, string DataHash, string Label, bool AlreadyRegistered);
