using System.Text.Json;
using Feedback.Api.Json;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Support;
using Feedback.Api.Features.Alerts;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Idempotency;
using Feedback.Data.Imports;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>
/// Stores one administration in one write transaction: the client and episode when they are new (or the open one is
/// stale), the scored row with its feedback and the versions it was evaluated with, its alerts (resolving the trajectory
/// family's current one when it is the latest of its family) and its idempotency record. The caller's 201 goes out only
/// after the commit.
/// </summary>
sealed class Recorder(
    Database database, TenantRepository tenants, ClientRepository clients, EpisodeRepository episodes,
    AdministrationRepository administrations, AlertRepository alerts, IdempotencyRepository idempotency, ImportLineRepository importLines,
    EpisodeFeedback episodeFeedback, Api.Webhooks.WebhookOutbox outbox, TimeProvider clock)
{
    public abstract record Outcome
    {
        public sealed record Saved(AdministrationRow Row, IReadOnlyList<AlertRow> Alerts) : Outcome;
        public sealed record Replay(AdministrationRow Row, IReadOnlyList<AlertRow> Alerts) : Outcome;
        /// <summary>Not a refusal to the commit: the import records the line id it was sent under (its writes are kept).</summary>
        public sealed record Duplicate(string ExistingId) : Outcome;
        public sealed record KeyReused : Outcome, IRefusal;
        public sealed record NotEnabled : Outcome, IRefusal;
        public sealed record UnknownEpisode : Outcome, IRefusal;
        /// <summary>A FHIR QuestionnaireResponse with this identifier is already stored (interop.md 1.5).</summary>
        public sealed record IdentifierExists(string ExistingId) : Outcome, IRefusal;
        /// <summary>An import line id already stored with other content (interop.md 4.3).</summary>
        public sealed record LineConflict(string ExistingId) : Outcome, IRefusal;
        /// <summary>An import's unclosed episodeKey for a client whose open episode is another one.</summary>
        public sealed record OpenEpisodeExists : Outcome, IRefusal;
        /// <summary>An import's episodeKey names a stored episode closed at another time (or not closed).</summary>
        public sealed record EpisodeCloseDisagrees : Outcome, IRefusal;
    }

    /// <summary>
    /// What an import line adds to a submission (interop.md 4.3): its id and content fingerprint, the age group for a new
    /// client, the episode its key names, and the start of the live window (alerts of earlier administrations are history).
    /// </summary>
    public sealed record ImportSource(string LineId, AgeGroup? AgeGroup, string? EpisodeKey, DateTimeOffset? EpisodeClosedAt, DateTimeOffset LiveSince,
        EpisodeOpened? KeyOpenedAs = null);

    /// <summary>What a FHIR QuestionnaireResponse adds to a submission: its identifier (unique per tenant) and encounter.</summary>
    public sealed record FhirSource(string? IdentifierSystem, string? IdentifierValue, string? Encounter);

    /// <summary>api.md: the same Idempotency-Key with the same body within 24 h returns the original response.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    // A unique-key race (two identical administrations, one Idempotency-Key for two clients) fails one transaction on
    // SQL Server; Database.WriteAsync runs it again, and the rerun finds what the other one wrote.
    // A FHIR identifier race fails the same way on the filtered unique index, and the rerun finds the stored identifier.
    // auditWhenSaved: the request's audit entry, written in this same transaction when the administration is saved, and
    // marked committed once that transaction has.
    public async Task<Outcome> RecordAsync(long tenantId, Request r, string? idempotencyKey, CancellationToken ct, FhirSource? fhir = null,
        Api.Audit.InTransactionEntry? auditWhenSaved = null)
    {
        var outcome = await database.WriteAsync(async (tx, token) =>
        {
            var recorded = await TryRecordAsync(tx, tenantId, r, idempotencyKey, fhir, null, token);
            if (recorded is Outcome.Saved && auditWhenSaved is not null) await auditWhenSaved.WriteAsync(tx, token);
            return recorded;
        }, ct);
        if (outcome is Outcome.Saved) auditWhenSaved?.Committed();
        return outcome;
    }

    /// <summary>
    /// One client's import lines through the same path, in administeredAt order, in one transaction, not one per line as interop.md 4.3 has it (docs/bulk.md says why):
    /// since each line's refusals come before its writes and the transaction is all or nothing, re-sending stays safe.
    /// One transaction per line cost two savepoint statements and a commit slot per line (docs/bulk.md).
    /// </summary>
    public Task<IReadOnlyList<Outcome>> ImportAsync(long tenantId, IReadOnlyList<(Request Submission, ImportSource Line)> lines, CancellationToken ct) =>
        database.WriteAsync<IReadOnlyList<Outcome>>(async (tx, token) =>
        {
            var outcomes = new List<Outcome>(lines.Count);
            foreach (var (submission, line) in lines)
                outcomes.Add(await TryRecordAsync(tx, tenantId, submission, null, null, line, token));
            return outcomes;
        }, ct);

    /// <summary>The whole write, in the caller's transaction, which commits it; the 201 goes out after that commit.</summary>
    async Task<Outcome> TryRecordAsync(DbSession tx, long tenantId, Request r, string? idempotencyKey, FhirSource? fhir, ImportSource? import, CancellationToken ct)
    {
        var instrument = Catalogue.Get(r.Instrument!);
        var now = clock.GetUtcNow();
        var rater = r.Rater ?? Rater.Client;
        // Stored and answered as response positions whatever convention they were sent in (clinical.md section 1), so
        // the same answers sent as scored values are the same administration.
        var positions = instrument.Positions(r.Items!, r.ItemConvention ?? ItemConvention.Response);
        var itemsJson = Fingerprints.CanonicalItems(instrument, positions);
        var contentHash = Fingerprints.Content(r.ClientId, instrument.Code, rater, r.AdministeredAt!.Value, itemsJson);
        var requestHash = fhir is null ? Fingerprints.Request(r, itemsJson)
            : Fingerprints.FhirRequest(Fingerprints.Request(r, itemsJson), fhir.IdentifierSystem, fhir.IdentifierValue, fhir.Encounter);
        var identifierSystem = fhir?.IdentifierValue is null ? null : fhir.IdentifierSystem ?? "";
        var lineHash = import is null ? null : Fingerprints.ImportLine(requestHash, import.EpisodeKey, import.EpisodeClosedAt);

        // First the client, locked for this transaction on SQL Server: one writer per client decides its episode and alerts.
        var client = await clients.FindForWriteAsync(tx, tenantId, r.ClientId, ct);
        if (import is not null && await importLines.FindAsync(tx, tenantId, import.LineId, ct) is { } seen)
            return seen.LineHash == lineHash ? new Outcome.Duplicate(seen.AdministrationId) : new Outcome.LineConflict(seen.AdministrationId);
        // Every refusal is decided before the first write: what this job writes, its shared commit keeps.
        var expiredKey = false;
        if (idempotencyKey is not null && await idempotency.FindAsync(tx, tenantId, idempotencyKey, ct) is { } earlier)
        {
            if (earlier.CreatedAt > now - IdempotencyWindow)
                return earlier.RequestHash == requestHash ? await ReplayAsync(tx, tenantId, r.ClientId, earlier.AdministrationId, ct) : new Outcome.KeyReused();
            expiredKey = true;
        }
        // interop.md 1.5: a stored identifier is answered before the exact-duplicate rule (the caller decides 200 or 409).
        if (identifierSystem is not null && await administrations.FindIdByFhirIdentifierAsync(tx, tenantId, identifierSystem, fhir!.IdentifierValue!, ct) is { } stored)
            return new Outcome.IdentifierExists(stored);
        var settings = await tenants.SettingsAsync(tx, tenantId, ct);
        if (!settings.EnabledInstruments.Contains(instrument.Code))
            return new Outcome.NotEnabled();
        // The episode named is checked before the exact-duplicate rule: a wrong episodeId is the caller's error either way.
        var at = r.AdministeredAt.Value;
        EpisodeRow? episode;
        var keyed = import?.EpisodeKey is not null;
        if (keyed)
        {
            episode = await episodes.FindByImportKeyAsync(tx, tenantId, r.ClientId, import!.EpisodeKey!, ct);
            if (episode is not null && episode.ClosedAt != import.EpisodeClosedAt)
                return new Outcome.EpisodeCloseDisagrees();
            if (episode is null && import.EpisodeClosedAt is null && await episodes.FindOpenAsync(tx, tenantId, r.ClientId, ct) is not null)
                return new Outcome.OpenEpisodeExists();
        }
        else
            episode = r.EpisodeId is null
                ? await episodes.FindOpenAsync(tx, tenantId, r.ClientId, ct)
                : await episodes.FindAsync(tx, tenantId, r.ClientId, r.EpisodeId, ct);
        if (episode is null && r.EpisodeId is not null)
            return new Outcome.UnknownEpisode();
        if (await administrations.FindIdByContentHashAsync(tx, tenantId, contentHash, ct) is { } existingId)
        {
            // A re-sent history whose line ids changed still finds what it stored; the new line id is kept for the next time.
            if (import is not null) await importLines.InsertAsync(tx, tenantId, import.LineId, lineHash!, existingId, now, ct);
            return new Outcome.Duplicate(existingId);
        }
        var staleSince = !keyed && r.EpisodeId is null && episode is not null
            ? await StaleSinceAsync(tx, tenantId, episode.Id, at, settings.StaleEpisodeDays, ct)
            : null;

        if (expiredKey)
            await idempotency.DeleteAsync(tx, tenantId, idempotencyKey!, ct);
        if (client is null)
        {
            client = new ClientRow { ClientId = r.ClientId, AgeGroup = Names.Of(import?.AgeGroup ?? AgeGroup.Adult), ClinicianId = r.ClinicianId, CreatedAt = now, UpdatedAt = now };
            await clients.InsertAsync(tx, tenantId, client, ct);
        }
        // An episode opened by an administration begins when it was completed; a stale one ends at its latest administration.
        EpisodeOpened? opened = null;
        IReadOnlyList<AlertRow> closedRuptures = [];
        if (keyed && episode is null)
            (episode, opened) = (await episodes.InsertImportedAsync(tx, tenantId, r.ClientId, import!.EpisodeKey!, at, import.EpisodeClosedAt, ct), import.KeyOpenedAs ?? EpisodeOpened.First);
        else if (keyed && at < episode!.OpenedAt)
            await episodes.OpenEarlierAsync(tx, tenantId, r.ClientId, episode.Id, at, ct);
        else if (episode is null)
            (episode, opened) = (await episodes.OpenAsync(tx, tenantId, r.ClientId, at, ct), EpisodeOpened.First);
        else if (staleSince is { } latest)
        {
            (episode, opened) = (await episodes.OpenAsync(tx, tenantId, r.ClientId, at, ct, closeOpenAt: latest), EpisodeOpened.Stale);
            closedRuptures = await alerts.ResolveRupturesOfClosedEpisodesAsync(tx, tenantId, r.ClientId, now, ct);
        }

        // The age group at submission is stored with the administration and never changes afterwards.
        var ageGroup = Names.Parse<AgeGroup>(client.AgeGroup);
        var score = Scorer.Score(instrument, positions, ageGroup);
        var id = Ulid.NewUlid().ToString();
        var (evaluation, ordinal, counterpart, counterpartRater, counterpartOrdinal, isLatest) =
            await episodeFeedback.EvaluateAsync(tx, tenantId, episode, id, instrument, ageGroup, rater, r, positions, score, ct);
        var feedback = Recording.StoredFeedback.From(evaluation, ageGroup);
        var row = new AdministrationRow
        {
            Id = id, ClientId = r.ClientId, EpisodeId = episode.Id, Instrument = instrument.Code,
            Rater = Names.Of(rater), SessionNumber = r.SessionNumber, ClinicianId = r.ClinicianId ?? client.ClinicianId,
            AdministeredAt = r.AdministeredAt.Value, ReceivedAt = now, ItemsJson = itemsJson,
            Total = score.Total, Prorated = score.Prorated, Severity = score.Severity, ClinicalRange = score.ClinicalRange,
            SubscalesJson = JsonSerializer.Serialize(score.Subscales),
            FeedbackJson = feedback?.ToJson(), ContentHash = contentHash,
            AgeGroup = Names.Of(ageGroup), Model = evaluation.Outcome?.Model, RulesVersion = evaluation.RulesVersion,
            EpisodeOpened = Names.Of(opened),
            FhirIdentifierSystem = identifierSystem, FhirIdentifierValue = fhir?.IdentifierValue, FhirEncounter = fhir?.Encounter,
            Source = import is not null ? Sources.Import : fhir is not null ? Sources.Fhir : Sources.Api,
        };
        await administrations.InsertAsync(tx, tenantId, row, ct);
        if (import is not null)
            await importLines.InsertAsync(tx, tenantId, import.LineId, lineHash!, row.Id, now, ct);
        if (idempotencyKey is not null)
            await idempotency.InsertAsync(tx, tenantId, idempotencyKey, requestHash, row.Id, now, ct);

        // Trajectory alerts: one family per client, episode, instrument and rater. Only the family's latest administration
        // resolves its current alert (also when it is back on track) and may raise the next; a back-dated one raises none.
        if (isLatest && evaluation.Outcome is not null)
            await alerts.ResolveTrajectoryFamilyAsync(tx, tenantId, row.EpisodeId, row.Instrument, row.Rater, row.Id, now, ct);
        // alliance-v2.1: a repair (or a rupture's end) resolves the series' rupture alert, the alliance's return its
        // unrepaired-rupture alert, the latest rating its concern; an escalation, the normal early risk.
        foreach (var resolution in evaluation.Resolutions)
        {
            if (resolution == AlertResolution.EarlyAllianceNormal)
                await alerts.ResolveEarlyAllianceAsync(tx, tenantId, row.EpisodeId, row.Id, now, ct);
            else
                await alerts.ResolveSeriesKindAsync(tx, tenantId, row.EpisodeId, row.Instrument, row.Rater, SeriesKind(resolution), row.Id, now, ct);
        }
        var raised = new List<AlertRow>();
        var inserted = new List<AlertRow>();
        foreach (var draft in evaluation.Alerts)
        {
            if (AlertRules.IsTrajectory(draft.Kind) && !isLatest) continue;
            var alert = draft.OnCounterpart
                ? AlertFrom(draft, row, new(counterpart!.Id, Names.Of(counterpartRater), counterpart.SessionNumber, counterpartOrdinal), now, import)
                : AlertFrom(draft, row, new(row.Id, row.Rater, row.SessionNumber, ordinal), now, import);
            await alerts.InsertAsync(tx, tenantId, alert, ct);
            inserted.Add(alert);
            if (!draft.OnCounterpart) raised.Add(alert);
        }
        await QueueEventsAsync(tx, tenantId, row, inserted, closedRuptures, now, ct);
        // The order GET answers them in (AlertRepository.ForAdministrationAsync), so a replay or a read matches the 201.
        return new Outcome.Saved(row, [.. raised.OrderBy(a => a.PriorityRank).ThenBy(a => a.Id, StringComparer.Ordinal)]);
    }

    // interop.md 2.4: the events go into the outbox in this same transaction: the administration, each alert it raised,
    // and each alert it (or the episode it closed) resolved, with the new alert of the same kind that replaced it.
    // interop.md 4.3: an import announces no administration, and only the alerts it stored open (within the live window).
    Task QueueEventsAsync(DbSession tx, long tenantId, AdministrationRow row, IReadOnlyList<AlertRow> inserted,
        IReadOnlyList<AlertRow> closedRuptures, DateTimeOffset now, CancellationToken ct) =>
        outbox.QueueAsync(tx, tenantId, async () =>
        {
            var events = new List<Feedback.Data.Webhooks.WebhookEvent>();
            if (row.Source != Sources.Import)
                events.Add(Api.Webhooks.WebhookEvents.AdministrationStored(row.Id, row.Instrument, row.Source, now));
            events.AddRange(inserted.Where(a => a.Status == AlertStatuses.Open).Select(a => Api.Webhooks.WebhookEvents.Created(a, now)));
            foreach (var resolved in (await alerts.ResolvedByAsync(tx, tenantId, row.Id, ct)).Concat(closedRuptures))
                events.Add(Api.Webhooks.WebhookEvents.Resolved(resolved, inserted.FirstOrDefault(a => a.Kind == resolved.Kind)?.Id, now));
            return events;
        }, now, ct);

    async Task<Outcome> ReplayAsync(DbSession tx, long tenantId, string clientId, string administrationId, CancellationToken ct)
    {
        var row = await administrations.GetAsync(tx, tenantId, clientId, administrationId, ct);
        return new Outcome.Replay(row!, await alerts.ForAdministrationAsync(tx, tenantId, administrationId, ct));
    }

    /// <summary>When the stale-episode guard applies: the open episode's latest administration's time; null otherwise.</summary>
    async Task<DateTimeOffset?> StaleSinceAsync(DbSession tx, long tenantId, string episodeId, DateTimeOffset at, int staleDays, CancellationToken ct)
    {
        if (await administrations.LatestInEpisodeAsync(tx, tenantId, episodeId, ct) is not { } latest) return null;
        return StaleEpisode.IsStale(latest, at, staleDays) ? latest : null;
    }

    // interop.md 4.3: an imported alert is dated as of its administration; one older than the live window is stored as
    // resolved history, so today's worklist is not buried under what the source system already handled.
    static AlertRow AlertFrom(AlertDraft draft, AdministrationRow row, RaisedOn on, DateTimeOffset now, ImportSource? import)
    {
        var alert = AlertFrom(draft, row, on, import is null ? now : row.AdministeredAt);
        if (import is null) return alert;
        return row.AdministeredAt >= import.LiveSince
            ? alert with { Imported = true }
            : alert with { Imported = true, Status = AlertStatuses.Resolved, ResolvedAt = now, ResolvedReason = ResolvedReasons.ImportedHistory };
    }

    /// <summary>The administration an alert is raised on: this one, or the later of a same-session pair (dual perspective).</summary>
    sealed record RaisedOn(string AdministrationId, string Rater, int? SessionNumber, int Ordinal);

    static AlertRow AlertFrom(AlertDraft draft, AdministrationRow row, RaisedOn on, DateTimeOffset now) => new()
    {
        Id = Ulid.NewUlid().ToString(), ClientId = row.ClientId, EpisodeId = row.EpisodeId, AdministrationId = on.AdministrationId,
        Instrument = row.Instrument, ClinicianId = row.ClinicianId, Kind = Names.Of(draft.Kind), Priority = Names.Of(draft.Priority),
        PriorityRank = (int)draft.Priority, Item = draft.Item, Message = draft.Message, Status = AlertStatuses.Open,
        RulesVersion = draft.RulesVersion, CreatedAt = now, Rater = on.Rater, SessionNumber = on.SessionNumber, AdministrationOrdinal = on.Ordinal,
        ReasonsJson = draft.Reasons.Count == 0 ? null : JsonSerializer.Serialize(draft.Reasons),
        SuggestionsJson = draft.Suggestions is { } s ? JsonSerializer.Serialize(s.Select(x => new SuggestionView(x.Code, x.Text)), JsonSetup.Options) : null,
        SuggestionsVersion = draft.Suggestions is null ? null : Suggestions.Version,
    };

    static string SeriesKind(AlertResolution resolution) => resolution switch
    {
        AlertResolution.SeriesRupture => Names.Of(AlertKind.AllianceRupture),
        AlertResolution.SeriesUnrepaired => Names.Of(AlertKind.RuptureUnrepaired),
        _ => Names.Of(AlertKind.AllianceConcern),
    };
}
