using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Tests;

/// <summary>
/// The positional reader of stored timestamps (DateTimeOffsetHandler.ParseUtc) answers what the general parser answers,
/// for what SQLite stores ('yyyy-MM-dd HH:mm:ss' with 0-7 fraction digits, trailing zeros dropped) and for anything else.
/// </summary>
public sealed class StoredTimestampTests
{
    public static TheoryData<string> Stored =>
    [
        "2026-01-05 09:00:00", "2026-01-05 09:00:00.5", "2026-01-05 09:00:00.1234567", "2026-02-28 23:59:59.9999999",
        "2024-02-29 00:00:00.0000001", "1970-01-01 00:00:00", "2999-12-31 23:59:59.12", "2026-11-24 17:40:26.9681232",
    ];

    [Theory, MemberData(nameof(Stored))]
    public void A_stored_timestamp_reads_as_the_general_parser_reads_it(string text) =>
        DateTimeOffsetHandler.ParseUtc(text).ShouldBe(
            DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));

    [Theory]
    [InlineData("2026-01-05T09:00:00Z")]
    [InlineData("2026-01-05 09:00:00+02:00")]
    [InlineData("2026-01-05 09:00")]
    public void Another_form_goes_to_the_general_parser(string text) =>
        DateTimeOffsetHandler.ParseUtc(text).ShouldBe(
            DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));

    [Theory]
    [InlineData("2026-02-30 09:00:00")]
    [InlineData("2026-13-01 09:00:00")]
    [InlineData("2026-01-05 24:00:00")]
    public void An_impossible_instant_is_refused_as_the_general_parser_refuses_it(string text) =>
        Should.Throw<FormatException>(() => DateTimeOffsetHandler.ParseUtc(text));

    [Fact]
    public async Task What_SQLite_stores_for_an_instant_reads_back_as_that_instant()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 3650));
            if (i % 3 == 0) at = new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT @At";
            cmd.Parameters.AddWithValue("@At", at.UtcDateTime);
            var stored = (string)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            DateTimeOffsetHandler.ParseUtc(stored).ShouldBe(at, stored);
        }
    }
}
