using Takt.Engine.Runs;

namespace Takt.Engine.Tests.Runs;

/// <summary>One status change a checkpoint store would record; <paramref name="Ran"/> marks a hand-out (Running) or a completion, as opposed to a skip or a cancel.</summary>
internal sealed record SchedulerEvent(string Node, NodeStatus Status, bool Ran);
