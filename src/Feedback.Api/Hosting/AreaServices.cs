using System.Reflection;

namespace Feedback.Api.Hosting;

/// <summary>The services of one area of Features, added by the area itself (its own classes, its OpenAPI filters).</summary>
interface IAreaServices
{
    void Add(IServiceCollection services);
}

/// <summary>
/// The host adds every area's services by scanning this assembly, as FastEndpoints finds every endpoint, so nothing
/// outside an area names it (README, "What is where").
/// </summary>
static class AreaServices
{
    public static void AddAreaServices(this IServiceCollection services)
    {
        var areas = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAreaServices).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var area in areas)
            ((IAreaServices)Activator.CreateInstance(area)!).Add(services);
    }
}
