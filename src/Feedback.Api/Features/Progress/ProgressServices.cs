using Feedback.Api.Hosting;

namespace Feedback.Api.Features.Progress;

sealed class ProgressServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<ProgressReader>();
    }
}
