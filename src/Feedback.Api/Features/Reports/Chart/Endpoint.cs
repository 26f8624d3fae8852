using Feedback.Api.Features.Reports.Outcomes;

namespace Feedback.Api.Features.Reports.Chart;

sealed class Endpoint(OutcomeReportReader reader) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(ApiRoutes.OutcomeReportChart);
        Policies(KeyScopes.ReadOrAdmin);
        Description(d => d.WithName("GetOutcomeReportChart").WithTags("Reports").ClearDefaultProduces(200).Produces<string>(200, Progress.Chart.Endpoint.ContentType));
        Summary(s =>
        {
            s.Summary = "The outcome report as an SVG chart: recovery and reliable change by group, suppressed cells shown as such";
            s.Description = "The same query and figures as GET /v1/reports/outcomes.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct) =>
        await Send.StringAsync(ReportChart.Render(await reader.ReadAsync(User.TenantId(), r, ct)), contentType: Progress.Chart.Endpoint.ContentType, cancellation: ct);
}
