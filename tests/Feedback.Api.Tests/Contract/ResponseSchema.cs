namespace Feedback.Api.Tests.Contract;

/// <summary>Checks recorded answers against api-spec/openapi.json with ajv (tests/interop/validate-responses.mjs).</summary>
public static class ResponseSchema
{
    /// <summary>The validator's report; it fails the test when any answer departs from the document.</summary>
    public static async Task<string> ShouldAllMatchTheDocumentAsync(ExchangeRecorder recorder)
    {
        await Node.EnsureInstalledAsync();
        var file = await recorder.SaveAsync();
        try
        {
            var (exit, output) = await Node.ScriptAsync("validate-responses.mjs", [OpenApiDocument.Path, file]);
            exit.ShouldBe(0, output);
            output.ShouldContain($"{recorder.Recorded.Count} exchanges, 0 violations");
            return output;
        }
        finally { File.Delete(file); }
    }
}
