using System.Text.Json;
using FluentValidation.Results;

namespace Feedback.Api.Json;

/// <summary>Turns a System.Text.Json failure into a field error without echoing the input or .NET type names.</summary>
static class JsonErrors
{
    /// <summary>Marks a failure whose field path is the caller's own JSON path, to be reported as sent.</summary>
    public const string Code = "json";

    public static ValidationFailure ToFailure(JsonException ex)
    {
        var failure = Describe(ex);
        failure.ErrorCode = Code;
        return failure;
    }

    static ValidationFailure Describe(JsonException ex)
    {
        var path = ex.Path is null or "$" ? "" : ex.Path.TrimStart('$').TrimStart('.');
        if (ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return new(path.Length == 0 ? "body" : path, "Unknown property.");
        if (ex.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
            return new(path.Length == 0 ? "body" : path, "Sent more than once: a property may appear once in an object.");
        if (path.Length == 0)
            return new("body", "The body must be a JSON object.");
        if (ex is InvalidValueException)
            return new(path, ex.Message);
        return new(path, "Invalid value or wrong type for this field.");
    }
}
