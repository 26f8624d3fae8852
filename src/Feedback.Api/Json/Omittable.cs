namespace Feedback.Api.Json;

/// <summary>A view that leaves some of its properties out of some answers rather than writing them as null.</summary>
interface IOmitsProperties
{
    /// <summary>Whether this view writes the property of this JSON name at all (null or not).</summary>
    bool Writes(string jsonName);
}

/// <summary>
/// Written only when the view says so (JsonSetup): a report's group row carries saesTenantReferenced only when grouped
/// by clinician or month, where a null means suppressed; elsewhere it is absent. Documented as optional.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class OmittableAttribute : Attribute;
