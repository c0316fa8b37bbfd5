namespace Takt.Domain.Rights;

/// <summary>What an asset may be used for; consent is recorded and decided per purpose.</summary>
public enum Purpose
{
    /// <summary>Training models that generate images or video.</summary>
    GenerativeTraining,

    /// <summary>Training models that do not generate (classifiers, line cleanup, evaluators).</summary>
    NonGenerativeTraining,

    /// <summary>Use as a generation reference or conditioning input (img2img, ControlNet, IP-Adapter).</summary>
    ReferenceUse,

    /// <summary>Training the shared common model that several tenants feed.</summary>
    SharedPoolTraining,

    /// <summary>Naming the contributor in public credits.</summary>
    CreditsDisplay,
}
