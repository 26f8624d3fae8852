using Feedback.Api.Hosting;

namespace Feedback.Api.Features.Export;

sealed class ExportServices : IAreaServices
{
    public void Add(IServiceCollection services)
    {
        services.ConfigureSwaggerGen(o => o.OperationFilter<Administrations.NdjsonOperationFilter>());
    }
}
