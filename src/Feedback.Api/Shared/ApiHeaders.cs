namespace Feedback.Api.Shared;

/// <summary>This API's own headers that the host names too: CORS lists every header a browser app sends or reads.</summary>
static class ApiHeaders
{
    /// <summary>The export's snapshot id (interop.md 4.2).</summary>
    public const string ExportSnapshot = "X-Export-Snapshot";
}
