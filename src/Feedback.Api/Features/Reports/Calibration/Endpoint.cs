using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Calibration;

sealed class Endpoint(EndedEpisodes ended) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.CalibrationReport);
        Policies(KeyScopes.ReadOrAdmin);
        Description(d => d.WithName("GetCalibrationReport").WithTags("Reports"));
        Summary(s =>
        {
            s.Summary = "Does the trajectory signal mean anything here: flag rate, early flags against poor outcome, AUC of the early deviation";
            s.Description = "calibration-v1 (clinical.md section 12). The sample is the episodes ended in the range (as the outcome report) with "
                + "at least 4 client administrations of the instrument; every status and deviation is recomputed with power-decay-v1.1 and "
                + "alerts-v1.2. Small numbers are suppressed as in the outcome report.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var instrument = Catalogue.Get(r.Instrument!);
        var (from, to, rows) = await ended.ReadAsync(User.TenantId(), r, instrument.Code, ct);
        var figures = CalibrationReport.Compute(instrument, rows, r.ClinicianId);
        await Send.OkAsync(Response.Of(r, from, to, CalibrationSuppression.Apply(figures)), ct);
    }
}
