using Microsoft.EntityFrameworkCore;
using NetVips;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    /// <summary>
    /// A picture an earlier node made, brought into this workflow with its lineage (an extension's
    /// previous frame, a fill's two ends). Only outputs of the run's own tenant are reachable, and
    /// the frame must really be among that node's outputs: a hash alone opens nothing, so an
    /// archive asset can never be read around its consent check this way.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, PortValue>> FrameAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var hash = node.Parameters.Text("frame").Trim();
        var sourceText = node.Parameters.Text("source").Trim();
        if (!BlobHash.TryParse(hash, out _))
        {
            throw node.Fail($"'{hash}' is not a frame's sha256 (64 lowercase hex digits)");
        }

        if (!Guid.TryParse(sourceText, out var source))
        {
            throw node.Fail($"'{sourceText}' is not a lineage node id");
        }

        await using var db = _contexts.Create();
        var rows = await (from n in db.RunNodes.AsNoTracking()
                          join r in db.Runs.AsNoTracking() on n.RunId equals r.Id
                          where n.LineageNodeId == source && n.OutputsJson != null && n.OutputsJson.Contains(hash)
                          select new { r.TenantId, n.OutputsJson }).ToListAsync(cancellationToken);
        var mine = rows.FirstOrDefault(r => node.Invocation.Tenant is not { } tenant || r.TenantId == tenant);
        if (mine is null)
        {
            throw node.Fail($"no node of {(node.Invocation.Tenant is null ? "any" : "this studio's")} runs recorded as {source} made the frame {hash[..12]}…");
        }

        var made = PortValueJson.Read(mine.OutputsJson!).Values
            .FirstOrDefault(v => v.BlobHash == hash && v.Type == PortType.Image)?.MediaType ?? ImageSequence.FrameMediaType;
        var value = new PortValue(PortType.Image, hash, BlobHash: hash, MediaType: made, Lineage: source);
        await using (await node.Context.OpenAsync(value, cancellationToken))
        {
        }

        return NodeRun.Outputs("image", value);
    }

    /// <summary>
    /// An in-between of two frames at <c>t</c> (0: the first, 1: the second). The cross-fade mixes
    /// premultiplied pixels; it is the classical fallback, named as such in the node type so lineage
    /// says what made the frame.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, PortValue>> InterpolateAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var t = node.Parameters.Number("t");
        using var from = await DecodeAsync(node, "from", cancellationToken);
        using var to = await DecodeAsync(node, "to", cancellationToken);
        if (from.Width != to.Width || from.Height != to.Height)
        {
            throw node.Fail($"the frames differ in size ({from.Width}x{from.Height} and {to.Width}x{to.Height}); in-betweens join frames of one size");
        }

        using var a = BuiltInImages.ToRgba(from);
        using var b = BuiltInImages.ToRgba(to);
        var deep = a.Format == Enums.BandFormat.Ushort || b.Format == Enums.BandFormat.Ushort;
        var max = deep ? 65535.0 : 255.0;
        using var pa = (deep ? a.Cast(Enums.BandFormat.Ushort) : a).Premultiply(maxAlpha: max);
        using var pb = (deep ? b.Cast(Enums.BandFormat.Ushort) : b).Premultiply(maxAlpha: max);
        using var mixed = (pa * (1 - t)) + (pb * t);
        using var straight = mixed.Unpremultiply(maxAlpha: max);
        using var typed = straight.Cast(deep ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar)
            .Copy(interpretation: deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
        return NodeRun.Outputs("image", await StorePngAsync(node, Encode(typed.Copy()), cancellationToken));
    }
}
