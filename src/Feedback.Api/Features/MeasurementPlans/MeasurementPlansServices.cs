using Feedback.Api.Hosting;

namespace Feedback.Api.Features.MeasurementPlans;

sealed class MeasurementPlansServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<PlanWrites>();
        services.ConfigureSwaggerGen(o => o.OperationFilter<ConditionalRequestsOperationFilter>());
    }
}
