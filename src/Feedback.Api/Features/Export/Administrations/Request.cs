using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Buffers.Text;

namespace Feedback.Api.Features.Export.Administrations;

sealed class Request
{
    /// <summary>A ULID in upper case, as X-Export-Snapshot sends it; matched as <see cref="IdPatterns"/> says (final $ as \z).</summary>
    const string SnapshotPattern = "^[0-9A-HJKMNP-TV-Z]{26}$";

    /// <summary>ndjson (default) or csv.</summary>
    [QueryParam, AllowedValues("ndjson", "csv")] public string? Format { get; set; }
    /// <summary>Only administrations received at or after this instant: YYYY-MM-DD (UTC midnight) or an ISO 8601 timestamp with Z or an offset.</summary>
    [QueryParam] public string? From { get; set; }
    /// <summary>Only administrations received before this instant (exclusive); as from.</summary>
    [QueryParam] public string? To { get; set; }
    /// <summary>Only this instrument (exact catalogue code).</summary>
    [QueryParam, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>Resume after this administration: the base64url cursor of its id, or the id itself (the lastId of the end line, the last CSV row's id).</summary>
    [QueryParam, StringLength(64, MinimumLength = 1)] public string? Cursor { get; set; }
    /// <summary>The X-Export-Snapshot of the export being resumed: rows up to this id only, so the resumed export sees the same set.</summary>
    [QueryParam, RegularExpression(SnapshotPattern)] public string? Snapshot { get; set; }

    internal const string Csv = "csv";

    /// <summary>A date (UTC midnight) or a timestamp with a zone.</summary>
    internal static bool TryInstant(string? text, out DateTimeOffset at)
    {
        at = default;
        if (text is null) return false;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
            at = new DateTimeOffset(day, TimeSpan.Zero);
        else if (HasZone(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            at = instant.ToUniversalTime();
        else
            return false;
        return at.Year is >= 1970 and <= 2999;
    }

    static bool HasZone(string text) =>
        text.Contains('T') && (text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));

    /// <summary>The administration id a cursor names: base64url of the id (this API's cursors), or the id as sent.</summary>
    internal static bool TryCursor(string? text, out string id)
    {
        id = "";
        if (text is null) return false;
        if (Ulid.TryParse(text, out var direct) && text.Length == 26)
        {
            id = direct.ToString();
            return true;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            if (decoded.Length != 26 || !Ulid.TryParse(decoded, out var ulid)) return false;
            id = ulid.ToString();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static string CursorOf(string id) => Keyset.Encode(id);

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.Format).Must(f => f is "ndjson" or Csv).When(x => x.Format is not null).WithMessage("Must be ndjson or csv.");
            RuleFor(x => x.From).Must(f => TryInstant(f, out _)).When(x => x.From is not null)
                .WithMessage("Must be a date YYYY-MM-DD or an ISO 8601 timestamp with Z or an offset, 1970-2999.");
            RuleFor(x => x.To).Must(t => TryInstant(t, out _)).When(x => x.To is not null)
                .WithMessage("Must be a date YYYY-MM-DD or an ISO 8601 timestamp with Z or an offset, 1970-2999.");
            RuleFor(x => x.To).Must((r, t) => TryInstant(r.From, out var from) && TryInstant(t, out var to) && from < to)
                .When(x => TryInstant(x.From, out _) && TryInstant(x.To, out _)).WithMessage("Must be after from.");
            RuleFor(x => x.Instrument).Must(Catalogue.Exists).When(x => x.Instrument is not null)
                .WithMessage("Unknown instrument; codes are exact and case-sensitive (see GET /v1/instruments).");
            RuleFor(x => x.Cursor).Must(c => TryCursor(c, out _)).When(x => x.Cursor is not null)
                .WithMessage("Not a cursor of this export: the lastId of its end line (or of its last CSV row), or that id in base64url.");
            RuleFor(x => x.Snapshot).Must(s => IdPatterns.IsMatch(SnapshotPattern, s) && Ulid.TryParse(s, out _)).When(x => x.Snapshot is not null)
                .WithMessage("Not a snapshot of this export: the X-Export-Snapshot header's value, 26 characters.");
        }
    }
}
