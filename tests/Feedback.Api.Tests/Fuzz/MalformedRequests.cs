using System.Text;

namespace Feedback.Api.Tests.Fuzz;

/// <summary>
/// Seeded generator of requests that are wrong by construction: every body has at least one defect that the API must
/// refuse (wrong type, out of range, unknown field, missing field, broken or hostile JSON, wrong media type, size).
/// </summary>
sealed class MalformedRequests(int seed)
{
    readonly Random random = new(seed);

    public sealed record Case(HttpMethod Method, string Path, string? ContentType, byte[]? Body, string Client, Dictionary<string, string> Headers);

    static readonly string[] Hostile =
    [
        "'; DROP TABLE administrations;--", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd",
        "\u0000", "\uFEFF", "𝕱𝖊𝖊𝖉𝖇𝖆𝖈𝖐", "ﷺ", "\u202E", "%00", "{{7*7}}", "NaN", "Infinity", "-Infinity", "null", "true", "1e400",
        "99999999999999999999999999999999999", "-0", "0x10", "PHQ-9 ", "phq-9", "ＰＨＱ-9", new string('A', 5000),
    ];

    static readonly int[] WrongItemCounts = [.. Enumerable.Range(0, 19).Where(n => n != 9)];

    static readonly string[] Fields = ["instrument", "administeredAt", "sessionNumber", "episodeId", "clinicianId", "rater", "items"];

    public Case Next()
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 55 => Submit(),
            < 63 => PutClient(),
            < 70 => Acknowledge(),
            < 77 => PutSettings(),
            < 87 => BadQuery(),
            < 94 => BadRoute(),
            _ => BadHeaders(),
        };
    }

    Case Submit() => new(HttpMethod.Post, $"/v1/clients/{ClientId()}/administrations", MediaType(), SubmitBody(), "ehr", []);

    byte[] SubmitBody()
    {
        var kind = random.Next(10);
        if (kind == 0) return Encoding.UTF8.GetBytes(RandomJson(random.Next(1, 6)));
        if (kind == 1) return Garbage();
        if (kind == 2) return Encoding.UTF8.GetBytes(new string('[', random.Next(40, 2000)) + new string(']', random.Next(0, 40)));
        if (kind == 3) return Encoding.UTF8.GetBytes("{\"instrument\":\"PHQ-9\",\"clinicianId\":\"" + new string('x', 70_000 + random.Next(50_000)) + "\"}");
        var body = ValidSubmit();
        Break(body);
        var json = Serialize(body);
        if (kind == 4 && json.Length > 2) json = json[..random.Next(1, json.Length - 1)]; // truncated: never valid
        return Encoding.UTF8.GetBytes(json);
    }

    Dictionary<string, object?> ValidSubmit() => new()
    {
        ["instrument"] = "PHQ-9", ["administeredAt"] = "2026-01-05T09:00:00Z", ["sessionNumber"] = 2,
        ["clinicianId"] = "clin-1", ["rater"] = "client", ["items"] = new object?[] { 1, 1, 1, 1, 1, 1, 1, 1, 0 },
    };

    /// <summary>One or more defects, each enough on its own for a 400.</summary>
    void Break(Dictionary<string, object?> body)
    {
        var defects = random.Next(1, 4);
        for (var d = 0; d < defects; d++)
        {
            var field = Fields[random.Next(Fields.Length)];
            switch (random.Next(4))
            {
                case 0: body[Pick(["unknownField", "Items", "INSTRUMENT", "clientId2", "__proto__", "$where"])] = RandomValue(2); break;
                case 1 when field is "instrument" or "administeredAt" or "items": body.Remove(field); break;
                case 1: body["items"] = RandomItems(); break;
                default: body[field] = InvalidValueFor(field); break;
            }
        }
    }

    object? InvalidValueFor(string field) => field switch
    {
        "instrument" => random.Next(2) == 0 ? Pick(Hostile) : RandomValue(2) is var v && v is string ? 42 : v,
        "administeredAt" => Pick<object?>(["2026-13-01T00:00:00Z", "yesterday", "2026-01-05T09:00:00", 1767603600, true, "2999-01-01T00:00:00Z", Pick(Hostile), new object[] { }]),
        "sessionNumber" => Pick<object?>([0, -1, 1001, 1.5, "2", 1e12, true, Pick(Hostile), new object[] { 1 }]),
        "episodeId" => Pick<object?>(["not-an-id", 12, "", Pick(Hostile) + " ", new Dictionary<string, object?>()]),
        "clinicianId" => Pick<object?>(["", "a b", new string('c', 65), 17, Pick(Hostile) + " ", "clin/1"]),
        "rater" => Pick<object?>(["patient", "", 1, "CLIENT", Pick(Hostile), new object[] { "client" }]),
        _ => RandomItems(),
    };

    object? RandomItems() => random.Next(6) switch
    {
        0 => Pick(Hostile),
        1 => Enumerable.Range(0, Pick(WrongItemCounts)).Select(_ => (object?)random.Next(0, 3)).ToArray(),
        2 => new object?[] { 1, 1, 1, 1, 1, 1, 1, 1, Pick<object?>([4, -1, 1.5, "1", true, Pick(Hostile), new object[] { 1 }, 1e300]) },
        3 => new object?[] { null, null, null, 1, 1, 1, 1, 1, 1 },
        4 => RandomValue(3) is var v && v is object[] { Length: 9 } ? "nine" : v,
        _ => new Dictionary<string, object?> { ["0"] = 1 },
    };

    Case PutClient()
    {
        var body = random.Next(3) switch
        {
            0 => Serialize(new Dictionary<string, object?> { ["ageGroup"] = Pick<object?>(["elder", 3, "", Pick(Hostile), "ADULT"]) }),
            1 => Serialize(new Dictionary<string, object?> { ["clinicianId"] = Pick<object?>(["a b", "", 5, Pick(Hostile) + " "]) }),
            _ => Serialize(new Dictionary<string, object?> { [Pick(["name", "dateOfBirth", "ssn"])] = Pick(Hostile) }),
        };
        return new(HttpMethod.Put, $"/v1/clients/{ClientId()}", MediaType(), Encoding.UTF8.GetBytes(body), "ehr", []);
    }

    Case Acknowledge()
    {
        var body = random.Next(3) switch
        {
            0 => "{}",
            1 => Serialize(new Dictionary<string, object?> { ["by"] = Pick<object?>(["", "a b", 5, Pick(Hostile)]) }),
            _ => Serialize(new Dictionary<string, object?> { ["by"] = "clin-1", ["note"] = Pick<object?>([new string('n', 2001), 7, new object[] { }]) }),
        };
        return new(HttpMethod.Post, $"/v1/alerts/{PathSegment(RandomString())}/acknowledge", MediaType(), Encoding.UTF8.GetBytes(body), "ehr", []);
    }

    Case PutSettings()
    {
        var body = Serialize(new Dictionary<string, object?>
        {
            ["enabledInstruments"] = Pick<object?>([null, "PHQ-9", new object?[] { Pick(Hostile) }, new object?[] { 1, 2 }, new Dictionary<string, object?>()]),
        });
        return new(HttpMethod.Put, "/v1/tenant/settings", MediaType(), Encoding.UTF8.GetBytes(body), "admin", []);
    }

    Case BadQuery()
    {
        var (path, name) = Pick<(string, string)>([
            ("/v1/clients/c-1/administrations", "limit"), ("/v1/clients/c-1/administrations", "cursor"), ("/v1/clients/c-1/administrations", "instrument"),
            ("/v1/alerts", "status"), ("/v1/alerts", "kind"), ("/v1/alerts", "priority"), ("/v1/alerts", "limit"), ("/v1/alerts", "cursor"),
            ("/v1/clients/c-1/progress", "instrument"), ("/v1/clients/c-1/progress.svg", "rater"), ("/v1/audit", "cursor"),
        ]);
        var value = name == "limit" ? Pick(["0", "-5", "201", "1e3", "ten", "", Pick(Hostile)]) : Pick(Hostile) + random.Next(1000);
        return new(HttpMethod.Get, $"{path}?{name}={Uri.EscapeDataString(value)}", null, null, path == "/v1/audit" ? "admin" : "ehr", []);
    }

    Case BadRoute()
    {
        var id = PathSegment(Pick(Hostile) + RandomString() + Pick([" ", "<", "/", "é", "!"])); // never a valid id
        var path = Pick([$"/v1/clients/{id}", $"/v1/clients/{id}/episodes", $"/v1/clients/{id}/administrations", $"/v1/clients/{id}/progress?instrument=PHQ-9"]);
        var method = path.EndsWith("episodes") ? HttpMethod.Get : path.Contains("administrations") ? HttpMethod.Get : path.Contains("progress") ? HttpMethod.Get : HttpMethod.Put;
        return new(method, path, method == HttpMethod.Put ? "application/json" : null, method == HttpMethod.Put ? "{}"u8.ToArray() : null, "ehr", []);
    }

    Case BadHeaders()
    {
        var headers = new Dictionary<string, string>();
        var client = "ehr";
        switch (random.Next(3))
        {
            case 0: headers["Idempotency-Key"] = Pick(["with space", new string('k', 129), "ключ", "\t"]); break;
            case 1: headers["X-Api-Key"] = Pick(["", "fbk_" + RandomString(), new string('k', 500), "' OR 1=1 --"]); client = "anonymous"; break;
            default: headers["Content-Encoding"] = "gzip"; break;
        }
        var body = Serialize(ValidSubmit().Where(kv => kv.Key != "items").ToDictionary()); // no items: a 400 even when the headers pass
        return new(HttpMethod.Post, $"/v1/clients/{ClientId()}/administrations", MediaType(), Encoding.UTF8.GetBytes(body), client, headers);
    }

    string? MediaType() => random.Next(12) switch
    {
        0 => "text/plain",
        1 => null,
        2 => "application/xml",
        3 => "application/json; charset=utf-16",
        _ => "application/json",
    };

    string ClientId() => random.Next(4) == 0 ? PathSegment(Pick(Hostile)) : "fuzz-" + random.Next(20);

    // The in-memory test host refuses a NUL in a path before it is sent (Kestrel answers it with a 400 of its own).
    static string PathSegment(string raw) => Uri.EscapeDataString(raw.Replace("\0", ""));

    object? RandomValue(int depth) => random.Next(depth <= 0 ? 6 : 8) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.NextDouble() * Math.Pow(10, random.Next(-5, 300)) * (random.Next(2) == 0 ? -1 : 1),
        3 => random.Next(int.MinValue, int.MaxValue),
        4 => Pick(Hostile),
        5 => RandomString(),
        6 => Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(depth - 1)).ToArray(),
        _ => RandomObject(depth),
    };

    Dictionary<string, object?> RandomObject(int depth)
    {
        var o = new Dictionary<string, object?>();
        for (var i = random.Next(0, 4); i > 0; i--) o.TryAdd(RandomString(), RandomValue(depth - 1));
        return o;
    }

    string RandomJson(int depth) => Serialize(RandomValue(depth));

    string RandomString()
    {
        var chars = new char[random.Next(0, 40)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(1, 0xD7FF);
        return new string(chars);
    }

    byte[] Garbage()
    {
        var bytes = new byte[random.Next(1, 3000)];
        random.NextBytes(bytes);
        return bytes;
    }

    T Pick<T>(T[] options) => options[random.Next(options.Length)];

    static string Serialize(object? value) => JsonSerializer.Serialize(value);
}
