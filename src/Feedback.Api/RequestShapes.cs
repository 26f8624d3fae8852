using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Feedback.Api;

/// <summary>
/// Where a request DTO's properties come from (route, query or JSON body), read once per type: the pipeline's checks and
/// the OpenAPI document use the same answer.
/// </summary>
static class RequestShapes
{
    public sealed record Shape(IReadOnlyList<PropertyInfo> Query, IReadOnlySet<string> QueryNames, bool ReadsBody);

    static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    public static Shape Of(Type requestType) => Shapes.GetOrAdd(requestType, type =>
    {
        var query = type.GetProperties().Where(p => p.GetCustomAttribute<QueryParamAttribute>() is not null).ToList();
        return new Shape(query,
            query.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            type.GetProperties().Any(p => !IsBoundOutsideBody(p)));
    });

    public static bool IsBoundOutsideBody(PropertyInfo p) =>
        p.GetCustomAttribute<RouteParamAttribute>() is not null || p.GetCustomAttribute<QueryParamAttribute>() is not null;
}
