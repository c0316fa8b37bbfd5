using System.Formats.Asn1;
using System.Text;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// An RFC 3161 TimeStampResp, read just far enough to know whether the TSA granted the request
/// and where the token's DER lies. .NET's ProcessResponse only says "rejected"; this keeps the
/// status, the TSA's text and the failure bits so the error names what the TSA said.
/// </summary>
internal sealed record TimeStampReply(int Status, string? StatusText, string? FailureInfo, ReadOnlyMemory<byte>? Token)
{
    /// <summary>RFC 3161 §2.4.2: granted (0) and grantedWithMods (1) carry a token.</summary>
    public bool IsGranted => Status is 0 or 1;

    private static readonly string?[] FailureNames =
    [
        "badAlg", null, "badRequest", null, null, "badDataFormat", null, null, null, null, null, null, null, null,
        "timeNotAvailable", "unacceptedPolicy", "unacceptedExtension", "addInfoNotAvailable", null, null, null, null, null, null, null,
        "systemFailure",
    ];

    /// <summary>Parses a DER TimeStampResp; throws <see cref="AsnContentException"/> when it is not one.</summary>
    public static TimeStampReply Parse(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var response = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var statusInfo = response.ReadSequence();
        if (!statusInfo.TryReadInt32(out var status))
        {
            throw new AsnContentException("PKIStatus does not fit an integer.");
        }

        string? text = null;
        if (statusInfo.HasData && statusInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var freeText = statusInfo.ReadSequence();
            var lines = new List<string>();
            while (freeText.HasData)
            {
                lines.Add(freeText.ReadCharacterString(UniversalTagNumber.UTF8String));
            }

            text = string.Join("; ", lines);
        }

        string? failure = null;
        if (statusInfo.HasData)
        {
            failure = DescribeFailure(statusInfo.ReadNamedBitList());
        }

        statusInfo.ThrowIfNotEmpty();
        ReadOnlyMemory<byte>? token = response.HasData ? response.ReadEncodedValue() : null;
        response.ThrowIfNotEmpty();
        return new TimeStampReply(status, text, failure, token);
    }

    /// <summary>
    /// True when <paramref name="der"/> starts like a TimeStampResp (its first member is the
    /// PKIStatusInfo SEQUENCE) rather than a TimeStampToken (a ContentInfo, whose first member is an OID).
    /// </summary>
    public static bool LooksLikeResponse(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            return outer.HasData && outer.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    public string Describe()
    {
        var builder = new StringBuilder().Append("status ").Append(Status).Append(Status switch
        {
            2 => " (rejection)",
            3 => " (waiting)",
            4 => " (revocationWarning)",
            5 => " (revocationNotification)",
            _ => "",
        });
        if (FailureInfo is not null)
        {
            builder.Append(", failInfo ").Append(FailureInfo);
        }

        if (!string.IsNullOrEmpty(StatusText))
        {
            builder.Append(", \"").Append(StatusText).Append('"');
        }

        return builder.ToString();
    }

    private static string DescribeFailure(System.Collections.BitArray bits)
    {
        var names = new List<string>();
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                names.Add(i < FailureNames.Length && FailureNames[i] is { } name ? name : $"bit{i}");
            }
        }

        return string.Join(",", names);
    }
}
