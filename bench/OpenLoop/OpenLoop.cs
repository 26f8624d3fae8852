// Open-loop load: requests leave at a fixed rate whatever the answers do, as wrk2 paces them, and each
// latency is counted from the moment its request was due, not from when it was sent: a slow answer cannot hold back
// the next requests and so hide its cost (coordinated omission). Each request is a new PHQ-9 for one of CLIENTS clients,
// every one unique (time and client), so none is a duplicate. The first second is a warm-up, not counted. The generator
// wakes about every millisecond and sends what is due (no spinning: it shares the machine with the service), so a
// latency may include up to about a millisecond of its own lateness, which counts against the service.
// Usage: dotnet run bench/OpenLoop/OpenLoop.cs -- <base url> <api key> <requests/s> <seconds> [clients] [first unix time]
// Prints: RESULT <achieved req/s> <p50 ms> <p99 ms> <requests> <errors> <max ms>
using System.Diagnostics;
using System.Net;
using System.Text;

var (baseUrl, key, rate, seconds) = (args[0].TrimEnd('/'), args[1], double.Parse(args[2]), double.Parse(args[3]));
var clients = args.Length > 4 ? int.Parse(args[4]) : 200;
var firstTime = args.Length > 5 ? long.Parse(args[5]) : 1_700_000_000L;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    { Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", key);

var warm = (int)rate;
var total = (int)(rate * seconds);
var latencies = new double[warm + total];
var errors = 0;
var random = new Random(7919);
var answers = new List<Task>(warm + total);
var clock = Stopwatch.StartNew();
var measuredFrom = 0.0;
for (var i = 0; i < warm + total; i++)
{
    var due = i / rate;
    while (clock.Elapsed.TotalSeconds < due) await Task.Delay(1);
    if (i == warm) measuredFrom = clock.Elapsed.TotalSeconds;
    var items = string.Join(",", Enumerable.Range(0, 8).Select(_ => random.Next(0, 4))) + ",0";
    var at = DateTimeOffset.FromUnixTimeSeconds(firstTime + i).ToString("yyyy-MM-ddTHH:mm:ssZ");
    var body = $$"""{"instrument":"PHQ-9","administeredAt":"{{at}}","items":[{{items}}]}""";
    var n = i;
    answers.Add(Task.Run(async () =>
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var answer = await http.PostAsync($"{baseUrl}/v1/clients/load-{n % clients}/administrations", content);
            if (answer.StatusCode != HttpStatusCode.Created && n >= warm) Interlocked.Increment(ref errors);
        }
        catch (Exception) { if (n >= warm) Interlocked.Increment(ref errors); }
        latencies[n] = (clock.Elapsed.TotalSeconds - due) * 1000;
    }));
}
await Task.WhenAll(answers);
var elapsed = clock.Elapsed.TotalSeconds - measuredFrom;
var measured = latencies[warm..];
Array.Sort(measured);
double At(double q) => measured[Math.Min(total - 1, (int)Math.Ceiling(q * total) - 1)];
Console.WriteLine($"RESULT {total / elapsed:F1} {At(0.50):F2} {At(0.99):F2} {total} {errors} {measured[^1]:F2}");
