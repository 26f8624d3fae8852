using Feedback.Api.Hosting;

namespace Feedback.Api.Features.Administrations;

sealed class AdministrationsServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<Submit.EpisodeFeedback>();
        services.AddSingleton<Submit.Recorder>();
    }
}
