using System.Text.Json;
using Feedback.Api.Json;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Support;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Recording;
using Feedback.Api.Webhooks;

namespace Feedback.Api.Recording;

/// <summary>
/// Decides one submission from the group's state, writing nothing: an outcome, and for any outcome that is not a
/// refusal the changes to apply (the client and episode when they are new or the open one is stale, the scored row with
/// its feedback and the versions it was evaluated with, the alerts it raises and resolves, an import's line record).
/// The same code decides a live request (a group of one) and each line of an import, so the two cannot drift.
/// </summary>
static class Decider
{
    public static (Outcome Outcome, Changes Changes) Decide(GroupState state, PreparedSubmission p, DateTimeOffset now)
    {
        var changes = new Changes();
        return (Decide(state, p, now, changes), changes);
    }

    static Outcome Decide(GroupState state, PreparedSubmission p, DateTimeOffset now, Changes changes)
    {
        var r = p.Submission;
        var import = p.Source as SubmissionSource.Import;
        var client = state.Client(r.ClientId);
        if (import is not null && state.ImportLine(import.LineId) is { } seen)
            return seen.LineHash == p.LineHash ? new Outcome.Duplicate(seen.AdministrationId) : new Outcome.LineConflict(seen.AdministrationId);
        if (state.Idempotency is { } earlier && earlier.CreatedAt > now - IdempotencyKeys.Window)
            return earlier.RequestHash == p.RequestHash ? new Outcome.Repeated(earlier.AdministrationId) : new Outcome.KeyReused();
        // interop.md 1.5: a stored identifier is answered before the exact-duplicate rule (the caller decides 200 or 409).
        if (state.FhirIdentifierOwner is { } stored)
            return new Outcome.IdentifierExists(stored);
        if (!state.Settings.EnabledInstruments.Contains(p.Instrument.Code))
            return new Outcome.NotEnabled();

        // The episode named is checked before the exact-duplicate rule: a wrong episodeId is the caller's error either way.
        var at = p.AdministeredAt;
        EpisodeRecord? episode;
        var keyed = import?.EpisodeKey is not null;
        if (keyed)
        {
            episode = state.EpisodeByKey(r.ClientId, import!.EpisodeKey!);
            if (episode is not null && episode.Row.ClosedAt != import.EpisodeClosedAt)
                return new Outcome.EpisodeCloseDisagrees();
            if (episode is null && import.EpisodeClosedAt is null && state.OpenEpisode(r.ClientId) is not null)
                return new Outcome.OpenEpisodeExists();
        }
        else
            episode = r.EpisodeId is null ? state.OpenEpisode(r.ClientId) : state.Episode(r.ClientId, r.EpisodeId);
        if (episode is null && r.EpisodeId is not null)
            return new Outcome.UnknownEpisode();
        if (state.ContentOwner(p.ContentHash) is { } existingId)
        {
            // A re-sent history whose line ids changed still finds what it stored; the new line id is kept for the next time.
            if (import is not null) changes.ImportLine = new ImportLineWrite(import.LineId, p.LineHash!, existingId, now);
            return new Outcome.Duplicate(existingId);
        }

        if (client is null)
            changes.NewClient = client = new ClientRow
            {
                ClientId = r.ClientId, AgeGroup = Names.Of(import?.AgeGroup ?? AgeGroup.Adult), ClinicianId = r.ClinicianId, CreatedAt = now, UpdatedAt = now,
            };
        // An episode opened by an administration begins when it was completed; a stale one ends at its latest administration.
        EpisodeOpened? opened = null;
        if (keyed && episode is null)
            (episode, opened) = (EpisodeLifecycle.OpenImported(changes, r.ClientId, import!.EpisodeKey!, at, import.EpisodeClosedAt), import.KeyOpenedAs ?? EpisodeOpened.First);
        else if (keyed)
            EpisodeLifecycle.OpenEarlier(changes, episode!, at);
        else if (episode is null)
            (episode, opened) = (EpisodeLifecycle.Open(state, changes, r.ClientId, at, now), EpisodeOpened.First);
        else if (r.EpisodeId is null && EpisodeLifecycle.StaleSince(episode, at, state.Settings.StaleEpisodeDays) is { } latest)
            (episode, opened) = (EpisodeLifecycle.Open(state, changes, r.ClientId, at, now, closeOpenAt: latest), EpisodeOpened.Stale);
        if (episode is null || !episode.Read) throw new InvalidOperationException("A submission is decided only on an episode whose administrations were read.");

        // The age group at submission is stored with the administration and never changes afterwards.
        var ageGroup = Names.Parse<AgeGroup>(client.AgeGroup);
        var score = Scorer.Score(p.Instrument, p.Positions, ageGroup);
        var id = Ulid.NewUlid().ToString();
        var placed = new AdministrationRow { Id = id, Instrument = p.Instrument.Code, Rater = Names.Of(p.Rater), AdministeredAt = at, SessionNumber = r.SessionNumber };
        var (evaluation, ordinal, counterpart, counterpartRater, counterpartOrdinal, isLatest) =
            EpisodeFeedback.Evaluate(episode, placed, !keyed && episode.Row.ClosedAt is not null, import is not null && at < import.LiveSince, p.Instrument, ageGroup, p.Rater, p.Positions, score);
        var fhir = p.Source as SubmissionSource.Fhir;
        var row = new AdministrationRow
        {
            Id = id, ClientId = r.ClientId, EpisodeId = episode.Row.Id, Instrument = p.Instrument.Code,
            Rater = placed.Rater, SessionNumber = r.SessionNumber, ClinicianId = r.ClinicianId ?? client.ClinicianId,
            AdministeredAt = at, ReceivedAt = now, ItemsJson = p.ItemsJson,
            Total = score.Total, Prorated = score.Prorated, Severity = score.Severity, ClinicalRange = score.ClinicalRange,
            SubscalesJson = JsonSerializer.Serialize(score.Subscales),
            FeedbackJson = StoredFeedback.From(evaluation, ageGroup)?.ToJson(), ContentHash = p.ContentHash,
            AgeGroup = Names.Of(ageGroup), Model = evaluation.Outcome?.Model, RulesVersion = evaluation.RulesVersion,
            EpisodeOpened = Names.Of(opened),
            FhirIdentifierSystem = p.IdentifierSystem, FhirIdentifierValue = fhir?.IdentifierValue, FhirEncounter = fhir?.Encounter,
            Source = import is not null ? Sources.Import : fhir is not null ? Sources.Fhir : Sources.Api,
        };
        changes.Administration = (episode, row);
        if (import is not null)
            changes.ImportLine = new ImportLineWrite(import.LineId, p.LineHash!, row.Id, now);

        // Trajectory alerts: one family per client, episode, instrument and rater. Only the family's latest administration
        // resolves its current alert (also when it is back on track) and may raise the next; a back-dated one raises none.
        if (isLatest && evaluation.Outcome is not null)
            foreach (var current in episode.CurrentAlerts(row.Instrument, row.Rater, AlertKinds.Trajectory))
                changes.Resolve(current, ResolvedReasons.Replaced, now, row.Id);
        // alliance-v2.1: a repair (or a rupture's end) resolves the series' rupture alert, the alliance's return its
        // unrepaired-rupture alert, the latest rating its concern; an escalation, the normal early risk.
        foreach (var resolution in evaluation.Resolutions)
        {
            var resolved = resolution == AlertResolution.EarlyAllianceNormal
                ? episode.Alerts.Where(a => a.Kind == "early_alliance_risk" && a.Priority == "normal" && AlertKinds.IsCurrent(a))
                : episode.CurrentAlerts(row.Instrument, row.Rater, new HashSet<string> { SeriesKind(resolution) });
            foreach (var current in resolved.Where(a => !changes.Resolved.Any(x => x.Id == a.Id)).ToList())
                changes.Resolve(current, ResolvedReasons.Replaced, now, row.Id);
        }
        var raised = new List<AlertRow>();
        foreach (var draft in evaluation.Alerts)
        {
            if (AlertRules.IsTrajectory(draft.Kind) && !isLatest) continue;
            var alert = draft.OnCounterpart
                ? AlertFrom(draft, row, new(counterpart!.Id, Names.Of(counterpartRater), counterpart.SessionNumber, counterpartOrdinal), now, import)
                : AlertFrom(draft, row, new(row.Id, row.Rater, row.SessionNumber, ordinal), now, import);
            changes.Alerts.Add(alert);
            if (!draft.OnCounterpart) raised.Add(alert);
        }
        QueueEvents(changes, row, now);
        // The order GET answers them in (AlertRepository.ForAdministrationAsync), so a replay or a read matches the 201.
        return new Outcome.Saved(row, [.. raised.OrderBy(a => a.PriorityRank).ThenBy(a => a.Id, StringComparer.Ordinal)]);
    }

    // interop.md 2.4: the events go into the outbox in the same transaction: the administration, each alert it raised,
    // and each alert it (or the episode it closed) resolved, with the new alert of the same kind that replaced it.
    // interop.md 4.3: an import announces no administration, and only the alerts it stored open (within the live window).
    static void QueueEvents(Changes changes, AdministrationRow row, DateTimeOffset now)
    {
        var inserted = changes.Alerts;
        var resolved = changes.Resolved.Where(a => a.ResolvedByAdministrationId == row.Id).Concat(changes.Resolved.Where(a => a.ResolvedByAdministrationId != row.Id)).ToList();
        if (row.Source != Sources.Import)
            changes.Events.Add(() => WebhookEvents.AdministrationStored(row.Id, row.Instrument, row.Source, now));
        foreach (var alert in inserted.Where(a => a.Status == AlertStatuses.Open))
            changes.Events.Add(() => WebhookEvents.Created(alert, now));
        foreach (var alert in resolved)
            changes.Events.Add(() => WebhookEvents.Resolved(alert, inserted.FirstOrDefault(a => a.Kind == alert.Kind)?.Id, now));
    }

    // interop.md 4.3: an imported alert is dated as of its administration; one older than the live window is stored as
    // resolved history, so today's worklist is not buried under what the source system already handled.
    static AlertRow AlertFrom(AlertDraft draft, AdministrationRow row, RaisedOn on, DateTimeOffset now, SubmissionSource.Import? import)
    {
        var alert = AlertFrom(draft, row, on, import is null ? now : row.AdministeredAt);
        if (import is null) return alert;
        return row.AdministeredAt >= import.LiveSince
            ? alert with { Imported = true }
            : alert with { Imported = true, Status = AlertStatuses.Resolved, ResolvedAt = now, ResolvedReason = ResolvedReasons.ImportedHistory };
    }

    /// <summary>The administration an alert is raised on: this one, or the later of a same-session pair (dual perspective).</summary>
    sealed record RaisedOn(string AdministrationId, string Rater, int? SessionNumber, int Ordinal);

    static AlertRow AlertFrom(AlertDraft draft, AdministrationRow row, RaisedOn on, DateTimeOffset createdAt) => new()
    {
        Id = Ulid.NewUlid().ToString(), ClientId = row.ClientId, EpisodeId = row.EpisodeId, AdministrationId = on.AdministrationId,
        Instrument = row.Instrument, ClinicianId = row.ClinicianId, Kind = Names.Of(draft.Kind), Priority = Names.Of(draft.Priority),
        PriorityRank = (int)draft.Priority, Item = draft.Item, Message = draft.Message, Status = AlertStatuses.Open,
        RulesVersion = draft.RulesVersion, CreatedAt = createdAt, Rater = on.Rater, SessionNumber = on.SessionNumber, AdministrationOrdinal = on.Ordinal,
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
