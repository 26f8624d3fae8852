using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Support;
using Feedback.Clinical.Tests.Spec;

namespace Feedback.Clinical.Tests.V12;

/// <summary>clinical.md v1.2 section 1's session counts, section 6's words and section 11's state at their edges.</summary>
public sealed class EngineEdges
{
    static readonly DateTimeOffset Day1 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_administration_at_clinic_session_3_and_an_unnumbered_one_on_the_third_visit_date_is_clinic_session_5()
    {
        // section 7 "Session numbers": episode session 3 (third visit date), chart x = 3 + (3 - 1) = 5
        var s = new EpisodeSessions([new("a1", Day1, 3), new("a2", Day1.AddDays(7), 4), new("a3", Day1.AddDays(14), null)]);
        (s.FirstSessionNumber, s.Episode(Day1.AddDays(14), null), s.Clinic(Day1.AddDays(14), null)).ShouldBe((3, 3, 5));
        // numbered: e = s - s_F + 1, c = s itself
        (s.Episode(Day1.AddDays(7), 4), s.Clinic(Day1.AddDays(7), 4)).ShouldBe((2, 4));
        // a number below F's counts by visit date
        s.Episode(Day1.AddDays(7), 2).ShouldBe(2);
    }

    [Fact]
    public void Without_session_numbers_episode_sessions_are_the_ordinals_of_distinct_utc_dates()
    {
        var s = new EpisodeSessions([new("b", Day1.AddHours(2), null), new("a", Day1, null), new("c", Day1.AddDays(3), null), new("d", Day1.AddDays(9), null)]);
        (s.Episode(Day1, null), s.Episode(Day1.AddHours(5), null), s.Episode(Day1.AddDays(3), null), s.Episode(Day1.AddDays(9), null)).ShouldBe((1, 1, 2, 3));
        (s.FirstSessionNumber, s.Clinic(Day1.AddDays(9), null)).ShouldBe((1, 3));
        // a date between the visits takes its place among them; before the first, 1; after the last, one more
        (s.Episode(Day1.AddDays(5), null), s.Episode(Day1.AddDays(-2), null), s.Episode(Day1.AddDays(20), null)).ShouldBe((3, 1, 4));
    }

    [Fact]
    public void The_first_administration_is_the_earliest_and_ties_go_to_the_lower_id()
    {
        // same instant: "a" before "b", so F is "a" with session 5; the later-listed "b" carries 2
        var tie = new EpisodeSessions([new("b", Day1, 2), new("a", Day1, 5)]);
        tie.FirstSessionNumber.ShouldBe(5);
        new EpisodeSessions([new("a", Day1, 5), new("b", Day1, 2)]).FirstSessionNumber.ShouldBe(5);
        new EpisodeSessions([new("z", Day1.AddDays(1), 9), new("y", Day1, 4)]).FirstSessionNumber.ShouldBe(4);
        // F without a number: s_F is 1, and numbered administrations count by date too
        var unnumbered = new EpisodeSessions([new("a", Day1, null), new("b", Day1.AddDays(7), 6)]);
        (unnumbered.FirstSessionNumber, unnumbered.Episode(Day1.AddDays(7), 6), unnumbered.Clinic(Day1.AddDays(7), null)).ShouldBe((1, 2, 2));
    }

    [Fact]
    public void Status_words_are_plain()
    {
        Enum.GetValues<ProgressStatus>().Select(AlertText.StatusWord).ShouldBe(
            ["intake", "recovered", "off track", "at risk of not benefiting", "not improving", "on track"]);
    }

    [Fact]
    public void Numbers_are_written_as_the_instrument_shows_them()
    {
        (AlertText.Total(Catalogue.Ors, 24m), AlertText.Total(Catalogue.Phq9, 12m)).ShouldBe(("24.0", "12"));
        (AlertText.Change(Catalogue.Ors, 2.4m), AlertText.Change(Catalogue.Phq9, -2m), AlertText.Change(Catalogue.Phq9, 0m)).ShouldBe(("+2.4", "-2", "0"));
        (AlertText.OneDecimal(23.0), AlertText.OneDecimal(1.45311), AlertText.Number(2.5m), AlertText.Number(6m)).ShouldBe(("23.0", "1.5", "2.5", "6"));
        AlertText.ClinicalRange(Catalogue.Ors, AgeGroup.Adolescent, AgeGroup.Adolescent).ShouldBe("at or below 28 (adolescent cut-off)");
        AlertText.ClinicalRange(Catalogue.Gad7, AgeGroup.Child, AgeGroup.Adult).ShouldBe("at or above 8");
    }

    [Fact]
    public void Reason_codes_are_the_apis_spelling()
    {
        Enum.GetValues<AllianceReason>().Select(AllianceAlertRules.ReasonCode).ShouldBe(["below_cutoff", "item_below_9", "subscale_low", "drop"]);
    }

    [Fact]
    public void An_early_alliance_risk_found_when_the_outcome_already_escalates_says_so()
    {
        var ep = new AllianceV2.EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20m, 1);
        ep.Outcome(Catalogue.Ors, 17m, 3); // off track at t = 3
        ep.Rate(Catalogue.Srs, 34m, 2);
        var early = ep.Rate(Catalogue.Srs, 35m, 3).Alerts.Single(a => a.Kind == AlertKind.EarlyAllianceRisk);
        early.Priority.ShouldBe(AlertPriority.High);
        early.Message.ShouldEndWith("a weak early alliance predicts dropout. The client's latest outcome measure is already at risk, off track or not improving.");
    }

    static Evaluation Phq9(decimal?[] items, int t, SupportContext support)
    {
        var s = Scorer.Score(Catalogue.Phq9, items);
        return FeedbackEngine.Evaluate(Catalogue.Phq9, Rater.Client, items, s, new ScorePoint(s.Total, t), new EpisodeContext(new ScorePoint(12, 1), t, 12, null, Support: support));
    }

    [Fact]
    public void Only_a_risk_answer_of_this_administration_in_the_window_makes_risk_recent()
    {
        var inWindow = new SupportContext(false, CurrentInRiskWindow: true, AllianceStanding.Fine, false);
        // PHQ-9 12 at t = 4 without a self-harm answer: at risk, and no safety check though it is in the window
        var plain = Phq9(SpecInstrument.Phq9.ItemsWithTotal(12), 4, inWindow);
        plain.Alerts.Single().Suggestions!.Select(s => s.Code).ShouldNotContain(SuggestionCode.SafetyCheck);
        // with item 9 left unanswered it is recent
        decimal?[] unanswered = [2, 2, 2, 2, 1, 1, 1, 1, null];
        var risky = Phq9(unanswered, 4, inWindow);
        risky.Alerts.Single(a => AlertRules.IsTrajectory(a.Kind)).Suggestions!.First().Code.ShouldBe(SuggestionCode.SafetyCheck);
        // the risk alert itself carries none
        risky.Alerts.Single(a => a.Kind == AlertKind.RiskItemUnanswered).Suggestions.ShouldBeNull();
    }

    [Fact]
    public void An_unnumbered_same_date_pair_is_said_to_be_on_the_same_visit_date()
    {
        var items = AllianceV2.Items.For(Catalogue.WaiSr, 50m);
        var score = Scorer.Score(Catalogue.WaiSr, items);
        FeedbackEngine.Evaluate(Catalogue.WaiSr, Rater.Therapist, items, score, new ScorePoint(score.Total, null),
                new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, AllianceV2.Items.For(Catalogue.WaiSr, 42m), false)))
            .Alerts.Single().Message.ShouldBe("WAI-SR: the therapist's rating on the same visit date is 16.7% of the scale above the client's.");
    }

    [Fact]
    public void Without_episode_sessions_each_rating_is_its_own_visit()
    {
        var series = new AllianceSeries([new("a", 30m), new("b", 31m), new("c", 32m)], [null, null, null], 2);
        (series.EpisodeSession(0), series.EpisodeSession(2)).ShouldBe((1, 3));
        new AllianceSeries([new("a", 30m)], [null], 0, EpisodeSessions: [7]).EpisodeSession(0).ShouldBe(7);
    }
}
