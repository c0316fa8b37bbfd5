namespace Takt.Domain.Rights;

/// <summary>How a work came to exist; some categories are never offered for training by policy.</summary>
public enum WorkCategory
{
    /// <summary>Made for the production (storyboards, key drawings, backgrounds...).</summary>
    Production,

    /// <summary>Offered by an artist from their own portfolio.</summary>
    Portfolio,

    /// <summary>Commissioned by a private client: never offered for training by default.</summary>
    Commission,

    /// <summary>Sent in a private message: never offered for training by default.</summary>
    PrivateMessage,

    /// <summary>Shown in a gallery only: never offered for training by default.</summary>
    GalleryOnly,

    /// <summary>Third-party reference material (model sheets from elsewhere, photo reference).</summary>
    ThirdPartyReference,
}
