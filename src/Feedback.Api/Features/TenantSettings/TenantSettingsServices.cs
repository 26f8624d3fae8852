using Feedback.Api.Hosting;

namespace Feedback.Api.Features.TenantSettings;

sealed class TenantSettingsServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<SettingsReader>();
    }
}
