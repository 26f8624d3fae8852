using Feedback.Api.Hosting;

namespace Feedback.Api.Features.Due;

sealed class DueServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<Schedules>();
    }
}
