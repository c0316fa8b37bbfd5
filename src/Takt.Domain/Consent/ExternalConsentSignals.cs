using Takt.Domain.Rights;

namespace Takt.Domain.Consent;

/// <summary>
/// Maps machine-readable opt-out vocabularies found on files onto consent statements, so that
/// a work's own metadata becomes evidence in every decision:
/// IPTC Photo Metadata 2023.1 <c>plus:DataMining</c> and CAWG <c>cawg.training-mining</c>
/// (with the legacy C2PA 1.4 <c>c2pa.*</c> keys still read).
/// </summary>
public static class ExternalConsentSignals
{
    private const string PlusVocabulary = "http://ns.useplus.org/ldf/vocab/";

    private static readonly Purpose[] Training = [Purpose.GenerativeTraining, Purpose.NonGenerativeTraining];

    /// <summary>Statements for an IPTC <c>plus:DataMining</c> value (full URI or bare code); empty when it says nothing.</summary>
    public static IReadOnlyList<ConsentGrant> FromIptcDataMining(string value, string? otherConstraints, DateTimeOffset at)
    {
        var code = value.Trim();
        if (code.StartsWith(PlusVocabulary, StringComparison.OrdinalIgnoreCase))
        {
            code = code[PlusVocabulary.Length..];
        }

        var evidence = $"IPTC plus:DataMining {code}";
        IEnumerable<(Purpose, ConsentState)> statements = code.ToUpperInvariant() switch
        {
            "DMI-ALLOWED" => Training.Select(p => (p, ConsentState.Allowed)),
            "DMI-PROHIBITED-AIMLTRAINING" => Training.Select(p => (p, ConsentState.NotAllowed)),
            "DMI-PROHIBITED-GENAIMLTRAINING" => [(Purpose.GenerativeTraining, ConsentState.NotAllowed)],
            "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING" or "DMI-PROHIBITED" =>
                [.. Training.Select(p => (p, ConsentState.NotAllowed)), (Purpose.ReferenceUse, ConsentState.NotAllowed)],
            "DMI-PROHIBITED-SEECONSTRAINT" or "DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR" or "DMI-PROHIBITED-SEELINKEDRIGHTSEXPR" =>
                [.. Training.Select(p => (p, ConsentState.Constrained)), (Purpose.ReferenceUse, ConsentState.Constrained)],
            _ => [],
        };

        var terms = string.IsNullOrWhiteSpace(otherConstraints) ? null : otherConstraints.Trim();
        return statements
            .Select(s => new ConsentGrant(s.Item1, s.Item2, at, ConsentSource.EmbeddedXmp, s.Item2 == ConsentState.Constrained ? terms : null, evidence))
            .ToList();
    }

    /// <summary>
    /// Statements for one entry of a training-mining assertion: key such as
    /// <c>cawg.ai_generative_training</c>, use <c>allowed|notAllowed|constrained</c>.
    /// </summary>
    public static IReadOnlyList<ConsentGrant> FromTrainingMiningEntry(string key, string use, string? constraintInfo, DateTimeOffset at, ConsentSource source)
    {
        var name = key.Trim();
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot < 0 ? "" : name[..dot];
        if (prefix is not ("cawg" or "c2pa"))
        {
            return [];
        }

        Purpose[] purposes = name[(dot + 1)..] switch
        {
            "ai_generative_training" => [Purpose.GenerativeTraining],
            "ai_training" => Training,
            "ai_inference" => [Purpose.ReferenceUse],
            _ => [],
        };

        ConsentState? state = use.Trim() switch
        {
            "allowed" => ConsentState.Allowed,
            "notAllowed" => ConsentState.NotAllowed,
            "constrained" => ConsentState.Constrained,
            _ => null,
        };

        if (state is null)
        {
            return [];
        }

        var terms = state == ConsentState.Constrained && !string.IsNullOrWhiteSpace(constraintInfo) ? constraintInfo.Trim() : null;
        return purposes.Select(p => new ConsentGrant(p, state.Value, at, source, terms, $"{name}: {use}")).ToList();
    }
}
