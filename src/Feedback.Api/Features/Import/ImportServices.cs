using Feedback.Api.Hosting;

namespace Feedback.Api.Features.Import;

sealed class ImportServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.AddSingleton<Administrations.Importer>();
        services.ConfigureSwaggerGen(o => o.OperationFilter<NdjsonOperationFilter>());
    }
}
