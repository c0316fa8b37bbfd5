namespace Takt.Provenance.Demo;

/// <summary>What the demo's pipeline holds: its nodes, and who its dataset took in or left out and why.</summary>
/// <param name="RecordedNow">False when an earlier run had recorded it already.</param>
/// <param name="Excluded">Each candidate left out of the dataset, as "name: reason codes".</param>
public sealed record DemoLineageRecord(bool RecordedNow, IReadOnlyList<DemoLineageStep> Steps, int DatasetMembers, IReadOnlyList<string> Excluded)
{
    public DemoLineageStep Find(string step) => Steps.Single(s => s.Step == step);
}
