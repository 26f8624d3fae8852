using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Feedback.Api.Json;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Submit = Feedback.Api.Features.Administrations.Submit;

namespace Feedback.Benchmarks;

/// <summary>Reading a POST body with the service's own JSON rules, then the item checks its validator runs.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    readonly byte[] body = Encoding.UTF8.GetBytes(
        """{"instrument":"PHQ-9","administeredAt":"2026-11-20T09:15:00Z","sessionNumber":3,"clinicianId":"clin-17","rater":"client","items":[2,1,0,3,2,1,0,2,0]}""");

    [Benchmark]
    public int ParseAndCheck()
    {
        var request = JsonSerializer.Deserialize<Submit.Request>(body, JsonSetup.Options)!;
        return Scorer.Check(Catalogue.Get(request.Instrument!), request.Items).Count;
    }
}
