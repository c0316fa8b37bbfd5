namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// The status codes Takt reports, spelled exactly as c2pa-rs spells them (C2PA 2.x §15.2.2) so a
/// report from <c>takt verify</c> can be compared with the reference reader's line by line.
/// </summary>
public static class ValidationCodes
{
    public const string ClaimSignatureValidated = "claimSignature.validated";
    public const string ClaimSignatureInsideValidity = "claimSignature.insideValidity";
    public const string ClaimSignatureMismatch = "claimSignature.mismatch";
    public const string ClaimSignatureMissing = "claimSignature.missing";
    public const string ClaimSignatureOutsideValidity = "claimSignature.outsideValidity";
    public const string ClaimMissing = "claim.missing";
    public const string ClaimMultiple = "claim.multiple";
    public const string ClaimMalformed = "claim.malformed";
    public const string ClaimCborInvalid = "claim.cbor.invalid";
    public const string ClaimRequiredMissing = "claim.required.missing";
    public const string HardBindingsMissing = "claim.hardBindings.missing";
    public const string HardBindingsMultiple = "assertion.multipleHardBindings";

    public const string SigningCredentialTrusted = "signingCredential.trusted";
    public const string SigningCredentialUntrusted = "signingCredential.untrusted";
    public const string SigningCredentialInvalid = "signingCredential.invalid";
    public const string SigningCredentialExpired = "signingCredential.expired";
    public const string SigningCredentialOcspSkipped = "signingCredential.ocsp.skipped";

    public const string TimeStampValidated = "timeStamp.validated";
    public const string TimeStampTrusted = "timeStamp.trusted";
    public const string TimeStampUntrusted = "timeStamp.untrusted";
    public const string TimeStampMismatch = "timeStamp.mismatch";
    public const string TimeStampMalformed = "timeStamp.malformed";
    public const string TimeStampOutsideValidity = "timeStamp.outsideValidity";

    public const string AssertionHashedUriMatch = "assertion.hashedURI.match";
    public const string AssertionHashedUriMismatch = "assertion.hashedURI.mismatch";
    public const string AssertionMissing = "assertion.missing";
    public const string AssertionCborInvalid = "assertion.cbor.invalid";
    public const string AssertionJsonInvalid = "assertion.json.invalid";
    public const string AssertionDataHashMatch = "assertion.dataHash.match";
    public const string AssertionDataHashMismatch = "assertion.dataHash.mismatch";
    public const string AssertionDataHashMalformed = "assertion.dataHash.malformed";
    public const string AssertionBmffHashMatch = "assertion.bmffHash.match";
    public const string AssertionBmffHashMismatch = "assertion.bmffHash.mismatch";
    public const string AssertionBmffHashMalformed = "assertion.bmffHash.malformed";
    public const string AssertionActionMalformed = "assertion.action.malformed";
    public const string AssertionIngredientMalformed = "assertion.ingredient.malformed";

    public const string IngredientManifestValidated = "ingredient.manifest.validated";
    public const string IngredientManifestMissing = "ingredient.manifest.missing";
    public const string IngredientManifestMismatch = "ingredient.manifest.mismatch";
    public const string IngredientClaimSignatureValidated = "ingredient.claimSignature.validated";
    public const string IngredientClaimSignatureMismatch = "ingredient.claimSignature.mismatch";
    public const string IngredientHashedUriMismatch = "ingredient.hashedURI.mismatch";
    public const string IngredientUnknownProvenance = "ingredient.unknownProvenance";

    public const string ManifestInaccessible = "manifest.inaccessible";
    public const string AlgorithmUnsupported = "algorithm.unsupported";
    public const string GeneralError = "general.error";
}
