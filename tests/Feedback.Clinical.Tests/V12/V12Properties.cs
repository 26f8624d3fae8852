using CsCheck;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Support;
using Feedback.Clinical.Tests.AllianceV2;

namespace Feedback.Clinical.Tests.V12;

/// <summary>The properties of the v1.2 rules, from clinical.md v1.2 sections 3, 5, 6 and 11.</summary>
public sealed class V12Properties
{
    /// <summary>
    /// Section 7's property: over every integer PHQ-9, GAD-7 and ORS (adult, adolescent, child) intake and score and
    /// t = 4..40, no score in the clinical range (by the intake's age group) with an improvement below RCI/2 is on_track.
    /// </summary>
    [Theory]
    [InlineData("PHQ-9", AgeGroup.Adult), InlineData("GAD-7", AgeGroup.Adult)]
    [InlineData("ORS", AgeGroup.Adult), InlineData("ORS", AgeGroup.Adolescent), InlineData("ORS", AgeGroup.Child)]
    public void A_clinical_score_without_half_a_reliable_change_is_never_on_track_from_t_4(string code, AgeGroup age)
    {
        var i = Catalogue.Get(code);
        var (cutoff, rci) = (i.ClinicalCutoff!, i.ReliableChangeIndex!.Value);
        var cases = 0;
        for (var intake = i.TotalMin; intake <= i.TotalMax; intake++)
            for (var score = i.TotalMin; score <= i.TotalMax; score++)
            {
                // independent of the engine: clinical by the intake's age group, improvement in the better direction
                var improvement = i.Direction == Direction.HigherIsWorse ? intake - score : score - intake;
                if (!cutoff.IsClinical(score, age) || improvement >= rci / 2) continue;
                for (var t = 4; t <= 40; t++)
                {
                    cases++;
                    OutcomeEngine.Evaluate(i, new ScorePoint(intake, 1, age), new ScorePoint(score, t, age), 2).Status
                        .ShouldNotBe(ProgressStatus.OnTrack, $"{code} {age} {intake} -> {score} at t = {t}");
                }
            }
        cases.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void No_change_holds_exactly_when_its_three_conditions_do()
    {
        // the rule of section 5 apart from the order: t >= 4, clinical by the intake's age group, improvement < RCI/2
        Gen.Select(Gen.Int[0, 27], Gen.Int[0, 27], Gen.Int[1, 30]).Sample((intake, score, t) =>
        {
            var f = OutcomeEngine.Evaluate(Catalogue.Phq9, new ScorePoint(intake, 1), new ScorePoint(score, t), 2);
            f.Stagnant.ShouldBe(t >= 4 && score >= 10 && intake - score < 3);
            if (f.Status == ProgressStatus.NoChange) f.Stagnant.ShouldBeTrue();
        });
    }

    static Gen<(decimal Total, bool BackDated)[]> SrsRatings =>
        Gen.Select(Gen.Int[0, 60], Gen.Int[0, 9]).Select((p, b) => (Math.Round(24m + p / 4m, 1), b == 0)).Array[1, 16];

    /// <summary>At most one current alert per family: one alliance_concern per series, none beside a current rupture alert.</summary>
    [Fact]
    public void A_series_never_holds_two_current_concerns_or_a_concern_beside_a_rupture_alert()
    {
        SrsRatings.Sample(ratings =>
        {
            var ep = new EpisodeLedger();
            var count = 0;
            foreach (var (total, backDated) in ratings)
            {
                ep.Rate(Catalogue.Srs, total, null, before: backDated && count > 0 ? count - 1 : null);
                count++;
                var concerns = ep.Open(AlertKind.AllianceConcern).Count();
                var ruptures = ep.Open(AlertKind.AllianceRupture).Count() + ep.Open(AlertKind.RuptureUnrepaired).Count();
                concerns.ShouldBeLessThanOrEqualTo(1);
                ruptures.ShouldBeLessThanOrEqualTo(1);
                (concerns > 0 && ruptures > 0).ShouldBeFalse();
            }
        }, iter: 2000);
    }

    /// <summary>A back-dated rating never resolves (or replaces) an alert of a newer rating of its series.</summary>
    [Fact]
    public void A_back_dated_rating_resolves_nothing_of_its_series_and_raises_no_concern()
    {
        SrsRatings.Sample(ratings =>
        {
            var ep = new EpisodeLedger();
            for (var k = 0; k < ratings.Length; k++) ep.Rate(Catalogue.Srs, ratings[k].Total, null);
            var late = ep.Rate(Catalogue.Srs, 30m, null, before: Math.Max(0, ratings.Length - 1));
            if (ratings.Length == 0) return;
            late.Resolutions.Where(r => r != AlertResolution.EarlyAllianceNormal).ShouldBeEmpty();
            late.Alerts.ShouldNotContain(a => a.Kind == AlertKind.AllianceConcern || a.Kind == AlertKind.AllianceRupture || a.Kind == AlertKind.RuptureUnrepaired);
        });
    }

    [Fact]
    public void Suggestion_texts_hold_no_digit_whatever_the_state()
    {
        Gen.Select(Gen.Enum<AlertKind>(), Gen.Enum<AlertPriority>(), Gen.Bool, Gen.Enum<AllianceStanding>(), Gen.Bool).Sample((kind, priority, risk, alliance, notOnTrack) =>
            Suggestions.For(kind, priority, new SupportState(risk, alliance, notOnTrack)).ShouldAllBe(s => !s.Text.Any(char.IsDigit)));
    }
}
