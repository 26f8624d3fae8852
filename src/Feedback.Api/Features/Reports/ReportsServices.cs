using Feedback.Api.Hosting;

namespace Feedback.Api.Features.Reports;

sealed class ReportsServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<EndedEpisodes>();
        services.AddSingleton<Outcomes.OutcomeReportReader>();
    }
}
