using Feedback.Clinical.Alliance;
using Feedback.Clinical.Support;
using Feedback.Clinical.Tests.Spec;
using static Feedback.Clinical.Support.SuggestionCode;

namespace Feedback.Clinical.Tests.V12;

/// <summary>clinical.md v1.2 section 11 (support-v1): the selection vectors, and the texts as the spec's table gives them.</summary>
public sealed class SupportVectors
{
    static readonly SuggestionCode[] Review = [ReviewPlan, CheckMotivation, CheckSocialSupport];

    static IEnumerable<SuggestionCode> Codes(AlertKind kind, AlertPriority priority, bool risk = false, AllianceStanding alliance = AllianceStanding.Fine,
        bool notOnTrack = false) => Suggestions.For(kind, priority, new SupportState(risk, alliance, notOnTrack)).Select(s => s.Code);

    /// <summary>An outcome administration evaluated with the engine, with the support state read before it.</summary>
    static AlertDraft Trajectory(Instrument i, decimal intake, decimal?[] items, int t, SupportContext support)
    {
        var s = Scorer.Score(i, items);
        return FeedbackEngine.Evaluate(i, Rater.Client, items, s, new ScorePoint(s.Total, t), new EpisodeContext(new ScorePoint(intake, 1), t, intake, null, Support: support))
            .Alerts.Single(a => AlertRules.IsTrajectory(a.Kind));
    }

    [Fact]
    public void Ors_no_change_at_4_with_fine_srs_and_no_risk_screening_then_high_at_8()
    {
        var fine = new SupportContext(false, false, AllianceStanding.Fine, false);
        var at4 = Trajectory(Catalogue.Ors, 24m, SpecInstrument.Ors.ItemsWithTotal(24m), 4, fine);
        at4.Suggestions!.Select(s => s.Code).ShouldBe(Review);
        var at8 = Trajectory(Catalogue.Ors, 24m, SpecInstrument.Ors.ItemsWithTotal(24m), 8, fine);
        at8.Suggestions!.Select(s => s.Code).ShouldBe([.. Review, ConsiderReferralOrMedicationReview]);
    }

    [Fact]
    public void Phq9_off_track_with_item_9_endorsed_on_it_and_a_rupture_open()
    {
        // PHQ-9 20 -> 18 at t = 8 is off track (6.55); item 9 = 1; the episode holds a current alliance_rupture
        decimal?[] items = [3, 3, 2, 2, 2, 2, 2, 1, 1];
        var support = new SupportContext(RiskRecentBefore: false, CurrentInRiskWindow: true, AllianceStanding.Concern, false);
        Trajectory(Catalogue.Phq9, 20, items, 8, support).Suggestions!.Select(s => s.Code)
            .ShouldBe([SafetyCheck, DiscussAlliance, .. Review, ConsiderReferralOrMedicationReview]);
        // the same answers outside the window of the three latest screenings: no safety check from them
        Trajectory(Catalogue.Phq9, 20, items, 8, support with { CurrentInRiskWindow = false }).Suggestions!.First().Code.ShouldBe(DiscussAlliance);
    }

    [Fact]
    public void Phq9_at_risk_normal_without_any_alliance_rating()
    {
        // PHQ-9 12 unchanged at t = 4: at risk, normal
        var alert = Trajectory(Catalogue.Phq9, 12, SpecInstrument.Phq9.ItemsWithTotal(12), 4, new SupportContext(false, false, AllianceStanding.Unmeasured, false));
        (alert.Kind, alert.Priority).ShouldBe((AlertKind.AtRisk, AlertPriority.Normal));
        alert.Suggestions!.Select(s => s.Code).ShouldBe([AskAboutAlliance, .. Review]);
    }

    [Fact]
    public void Rupture_unrepaired_and_early_alliance_risk()
    {
        Codes(AlertKind.RuptureUnrepaired, AlertPriority.High, notOnTrack: false).ShouldBe([DiscussAlliance]);
        Codes(AlertKind.RuptureUnrepaired, AlertPriority.High, notOnTrack: true).ShouldBe([DiscussAlliance, .. Review]);
        Codes(AlertKind.EarlyAllianceRisk, AlertPriority.Normal).ShouldBe([DiscussAlliance]);
        Codes(AlertKind.EarlyAllianceRisk, AlertPriority.High).ShouldBe([DiscussAlliance, .. Review]);
        Codes(AlertKind.EarlyAllianceRisk, AlertPriority.High, risk: true).ShouldBe([SafetyCheck, DiscussAlliance, .. Review]);
    }

    [Fact]
    public void Only_the_five_kinds_of_section_11_carry_suggestions()
    {
        Enum.GetValues<AlertKind>().Where(Suggestions.Carried).ShouldBe(
            [AlertKind.OffTrack, AlertKind.AtRisk, AlertKind.NoChange, AlertKind.RuptureUnrepaired, AlertKind.EarlyAllianceRisk], ignoreOrder: true);
        foreach (var kind in Enum.GetValues<AlertKind>().Where(k => !Suggestions.Carried(k)))
            Codes(kind, AlertPriority.Urgent, risk: true, AllianceStanding.Concern, notOnTrack: true).ShouldBeEmpty();
    }

    [Fact]
    public void A_rupture_unrepaired_alert_raised_by_the_engine_carries_its_suggestions()
    {
        var ep = new AllianceV2.EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m, 35.5m, 36m }) ep.Rate(Catalogue.Srs, t, null);
        // the ledger passes no support state: the engine then chooses none
        ep.Rate(Catalogue.Srs, 35m, null).Alerts.Single(a => a.Kind == AlertKind.RuptureUnrepaired).Suggestions.ShouldBeNull();
    }

    [Theory]
    [InlineData(SafetyCheck, "A self-harm item was endorsed or left unanswered recently: review risk and the safety plan first.")]
    [InlineData(DiscussAlliance, "Talk about how the work together is going: say what you noticed, invite the client to tell you what is not helping, and respond openly, without defending.")]
    [InlineData(AskAboutAlliance, "No alliance rating in this episode: ask how the sessions are going for the client, or add an alliance measure to the plan.")]
    [InlineData(ReviewPlan, "Review the plan together: are the goals still the client's own, does the method fit, are the frequency and length of sessions right?")]
    [InlineData(CheckMotivation, "Explore the client's readiness and hopes for change now; mixed feelings are common when progress stalls.")]
    [InlineData(CheckSocialSupport, "Ask about support and stress outside therapy: relationships, recent life events, practical pressures.")]
    [InlineData(ConsiderReferralOrMedicationReview, "If the review does not lead to change, consider a medication review, a consultation, or a different service or intensity.")]
    public void Texts_are_the_specs_fixed_sentences_without_digits(SuggestionCode code, string text)
    {
        var all = Suggestions.For(AlertKind.OffTrack, AlertPriority.High, new SupportState(true, AllianceStanding.Concern, true))
            .Concat(Suggestions.For(AlertKind.AtRisk, AlertPriority.Normal, new SupportState(false, AllianceStanding.Unmeasured, false)));
        all.Where(s => s.Code == code).Select(s => s.Text).Distinct().ShouldBe([text]);
        text.Any(char.IsDigit).ShouldBeFalse();
        Suggestions.Version.ShouldBe("support-v1");
    }
}
