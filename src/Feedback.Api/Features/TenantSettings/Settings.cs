using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.TenantSettings;

sealed class Settings
{
    /// <summary>Catalogue codes this tenant accepts. PHQ-9, GAD-7, CORE-10 and WHO-5 are enabled at creation;
    /// ORS, SRS, OQ-45.2 and WAI-SR need a licence or the authors' permission and must be enabled here.</summary>
    [Required, OpenApi.CatalogueCode] public List<string>? EnabledInstruments { get; set; }

    internal sealed class Validator : Validator<Settings>
    {
        public Validator()
        {
            RuleFor(x => x.EnabledInstruments).NotNull().WithMessage("Required.");
            RuleForEach(x => x.EnabledInstruments).Must(Catalogue.Exists).WithMessage("Unknown instrument.");
        }
    }
}
