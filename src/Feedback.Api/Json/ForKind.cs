namespace Feedback.Api.Json;

/// <summary>A view tagged by <c>kind</c> (outcome or alliance) whose other properties may belong to one kind only.</summary>
interface IKindTagged
{
    InstrumentKind Kind { get; }
}

/// <summary>
/// Written only when the view's kind is this one (JsonSetup), null or not: alliance feedback says <c>"rupture": null</c>,
/// outcome feedback has no rupture at all. Documented as optional in the OpenAPI document.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class ForKindAttribute(InstrumentKind kind) : Attribute
{
    public InstrumentKind Kind => kind;
}
