using Feedback.Clinical.Episodes;

namespace Feedback.Clinical.Tests.Spec;

/// <summary>clinical.md section 6 at every threshold: risk items, WHO-5 low items, alliance reasons and priorities, dual perspective.</summary>
public sealed class AlertsAtTheEdges
{
    static readonly EpisodeContext First = new(null, 1, null, null);

    static Evaluation Evaluate(string code, decimal?[] items, EpisodeContext? context = null, Rater rater = Rater.Client, int? session = 2)
    {
        var i = Catalogue.Get(code);
        var score = Scorer.Score(i, items);
        return FeedbackEngine.Evaluate(i, rater, items, score, new ScorePoint(score.Total, session), context ?? First);
    }

    static decimal?[] With(string code, int item, decimal? answer, decimal fill = 0)
    {
        var spec = SpecInstrument.Of(code);
        var items = Enumerable.Repeat<decimal?>(Math.Max(fill, spec.ItemMin), spec.Items).ToArray();
        // reverse items answered at the bottom would score high; place them at the position scoring 0 so only the risk item counts
        foreach (var r in spec.Reverse) items[r - 1] = spec.ItemMax;
        items[item - 1] = answer;
        return items;
    }

    [Theory]
    // risk_item: PHQ-9 item 9, CORE-10 item 6, OQ-45.2 item 8 >= 1; urgent above the middle (PHQ-9 2-3; CORE-10, OQ-45.2 3-4)
    [InlineData("PHQ-9", 9, 0, null), InlineData("PHQ-9", 9, 1, AlertPriority.High), InlineData("PHQ-9", 9, 2, AlertPriority.Urgent), InlineData("PHQ-9", 9, 3, AlertPriority.Urgent)]
    [InlineData("CORE-10", 6, 0, null), InlineData("CORE-10", 6, 1, AlertPriority.High), InlineData("CORE-10", 6, 2, AlertPriority.High)]
    [InlineData("CORE-10", 6, 3, AlertPriority.Urgent), InlineData("CORE-10", 6, 4, AlertPriority.Urgent)]
    [InlineData("OQ-45.2", 8, 0, null), InlineData("OQ-45.2", 8, 1, AlertPriority.High), InlineData("OQ-45.2", 8, 2, AlertPriority.High)]
    [InlineData("OQ-45.2", 8, 3, AlertPriority.Urgent), InlineData("OQ-45.2", 8, 4, AlertPriority.Urgent)]
    // OQ-45.2 item 44 >= 1 raises risk_item (high)
    [InlineData("OQ-45.2", 44, 0, null), InlineData("OQ-45.2", 44, 1, AlertPriority.High), InlineData("OQ-45.2", 44, 4, AlertPriority.High)]
    public void Risk_items(string code, int item, int answer, AlertPriority? priority)
    {
        var alerts = AlertRules.ItemAlerts(Catalogue.Get(code), With(code, item, answer));
        if (priority is null) alerts.ShouldBeEmpty();
        else
        {
            var alert = alerts.ShouldHaveSingleItem();
            (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.RiskItem, priority.Value, (int?)item));
        }
    }

    [Theory]
    [InlineData(11), InlineData(26), InlineData(32)]
    public void Oq45_critical_substance_items_raise_a_normal_substance_use_alert_from_1(int item)
    {
        AlertRules.ItemAlerts(Catalogue.Oq452, With("OQ-45.2", item, 0)).ShouldBeEmpty();
        foreach (var answer in new[] { 1, 4 })
        {
            var alert = AlertRules.ItemAlerts(Catalogue.Oq452, With("OQ-45.2", item, answer)).ShouldHaveSingleItem();
            (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.SubstanceUse, AlertPriority.Normal, (int?)item));
        }
    }

    [Theory]
    [InlineData("PHQ-9", 9), InlineData("CORE-10", 6), InlineData("OQ-45.2", 8)]
    public void An_unanswered_self_harm_item_raises_a_high_alert(string code, int item)
    {
        var alert = AlertRules.ItemAlerts(Catalogue.Get(code), With(code, item, null)).ShouldHaveSingleItem();
        (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.RiskItemUnanswered, AlertPriority.High, (int?)item));
        alert.Message.ShouldBe($"{code} item {item} ({Catalogue.Get(code).RiskItems[0].Topic}) was left unanswered: ask about it.");
    }

    [Theory]
    [InlineData(11), InlineData(26), InlineData(32), InlineData(44)]
    public void Other_oq45_critical_items_left_unanswered_raise_nothing(int item) =>
        AlertRules.ItemAlerts(Catalogue.Oq452, With("OQ-45.2", item, null)).ShouldBeEmpty();

    [Theory]
    [InlineData("GAD-7"), InlineData("ORS"), InlineData("CORS"), InlineData("WHO-5"), InlineData("SRS"), InlineData("CSRS"), InlineData("WAI-SR")]
    public void Instruments_without_risk_items_raise_no_item_alerts_from_high_answers(string code)
    {
        var spec = SpecInstrument.Of(code);
        AlertRules.ItemAlerts(Catalogue.Get(code), Enumerable.Repeat<decimal?>(spec.ItemMax, spec.Items).ToArray()).ShouldBeEmpty();
    }

    [Theory]
    // wellbeing_low_item: any WHO-5 item answered 0 or 1; item = the item with the lowest answer (the first of a tie)
    [InlineData(new[] { 2, 2, 2, 2, 2 }, null)]
    [InlineData(new[] { 5, 5, 5, 5, 1 }, 5)]
    [InlineData(new[] { 5, 0, 5, 5, 5 }, 2)]
    [InlineData(new[] { 3, 1, 0, 2, 5 }, 3)]
    [InlineData(new[] { 1, 3, 1, 2, 5 }, 1)]
    public void Who5_low_items(int[] answers, int? item)
    {
        var alerts = AlertRules.ItemAlerts(Catalogue.Who5, answers.Select(a => (decimal?)a).ToArray());
        if (item is null) { alerts.ShouldBeEmpty(); return; }
        var alert = alerts.ShouldHaveSingleItem();
        (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.WellbeingLowItem, AlertPriority.Normal, item));
        alert.Message.ShouldBe($"WHO-5 item {item} answered {answers[item.Value - 1]} of 5: assess for depression (WHO guidance: any item at 0 or 1).");
    }

    static IReadOnlyList<AllianceReason> Reasons(string code, decimal?[] items, decimal? previous) =>
        Evaluate(code, items, new EpisodeContext(null, 2, previous, null)).Alliance!.Reasons;

    [Theory]
    // SRS below_cutoff: total <= 36 (35.9 and 36.0 yes, 36.1 no); items kept at 9 or above so only the total counts
    [InlineData("9.0,9.0,9.0,8.9", true), InlineData("9.0,9.0,9.0,9.0", true), InlineData("9.0,9.0,9.0,9.1", false)]
    public void Srs_below_cutoff_at_36(string items, bool below)
    {
        var answers = items.Split(',').Select(s => (decimal?)decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Reasons("SRS", answers, null).Contains(AllianceReason.BelowCutoff).ShouldBe(below);
        Reasons("CSRS", answers, null).Contains(AllianceReason.BelowCutoff).ShouldBeFalse(); // CSRS: cut-off not verified
    }

    [Theory]
    [InlineData("SRS"), InlineData("CSRS")]
    public void Srs_item_below_9_and_a_drop_of_1(string code)
    {
        Reasons(code, [10, 10, 10, 9.0m], null).ShouldNotContain(AllianceReason.ItemBelow9);
        Reasons(code, [10, 10, 10, 8.9m], null).ShouldContain(AllianceReason.ItemBelow9);
        Reasons(code, [10, 10, 10, 10], 40.9m).ShouldBeEmpty(); // fell 0.9
        Reasons(code, [10, 10, 10, 10], 41.0m).ShouldBe([AllianceReason.Drop]); // fell exactly 1.0 (from a previous total, exact)
        Reasons(code, [10, 10, 10, 10], 41.1m).ShouldBe([AllianceReason.Drop]);
        Reasons(code, [10, 10, 10, 10], 30m).ShouldBeEmpty(); // a rise
    }

    [Theory]
    // two or more reasons AND well below the cut-off (total < 34) -> high
    [InlineData("SRS", "9.0,9.0,8.0,8.0", "40", AlertPriority.Normal)] // 34.0: three reasons, not < 34
    [InlineData("SRS", "9.0,9.0,8.0,7.9", "40", AlertPriority.High)] // 33.9
    [InlineData("SRS", "9.0,9.0,9.0,9.0", "37", AlertPriority.Normal)] // 36.0: below_cutoff + drop
    [InlineData("SRS", "9.0,9.0,9.0,9.0", null, AlertPriority.Normal)] // 36.0: one reason
    [InlineData("CSRS", "9.0,9.0,8.0,7.9", null, AlertPriority.Normal)] // 33.9 but only item_below_9
    [InlineData("CSRS", "9.0,9.0,8.0,7.9", "35", AlertPriority.Normal)] // v1.2: CSRS has no cut-off, its concerns are normal
    [InlineData("CSRS", "9.0,9.0,8.0,8.0", "35", AlertPriority.Normal)] // 34.0, item_below_9 + drop
    public void Alliance_concern_priority(string code, string items, string? previous, AlertPriority priority)
    {
        var answers = items.Split(',').Select(s => (decimal?)decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var e = Evaluate(code, answers, new EpisodeContext(null, 2, previous is null ? null : decimal.Parse(previous, System.Globalization.CultureInfo.InvariantCulture), null));
        var alert = e.Alerts.ShouldHaveSingleItem();
        (alert.Kind, alert.Priority).ShouldBe((AlertKind.AllianceConcern, priority));
    }

    // WAI-SR subscales: Goal 4, 6, 8, 11; Task 1, 2, 10, 12; Bond 3, 5, 7, 9
    static decimal?[] Wai(int goal, int task, int bond)
    {
        var items = new decimal?[12];
        void Fill(int[] which, int sum) { for (var k = 0; k < 4; k++) items[which[k] - 1] = sum / 4 + (k < sum % 4 ? 1 : 0); }
        Fill([4, 6, 8, 11], goal); Fill([1, 2, 10, 12], task); Fill([3, 5, 7, 9], bond);
        return items;
    }

    [Fact]
    public void Wai_sr_reasons_at_their_edges()
    {
        Scorer.Score(Catalogue.WaiSr, Wai(14, 14, 14)).Total.ShouldBe(42);
        Reasons("WAI-SR", Wai(14, 14, 14), null).ShouldBeEmpty(); // total 42: item mean 3.5 is not below 3.5
        Reasons("WAI-SR", Wai(14, 14, 13), null).ShouldBe([AllianceReason.BelowCutoff]); // 41
        Reasons("WAI-SR", Wai(12, 15, 15), null).ShouldBeEmpty(); // goal mean 3.0 is not below 3.0
        Reasons("WAI-SR", Wai(11, 16, 16), null).ShouldBe([AllianceReason.SubscaleLow]); // goal 2.75; total 43
        Reasons("WAI-SR", Wai(16, 16, 11), null).ShouldBe([AllianceReason.SubscaleLow]); // bond
        Reasons("WAI-SR", Wai(16, 11, 16), null).ShouldBe([AllianceReason.SubscaleLow]); // task
        // drop: total fell by >= 5 (48 after 52 fell 4, after 53 fell 5, after 54 fell 6)
        Reasons("WAI-SR", Wai(16, 16, 16), 52).ShouldBeEmpty();
        Reasons("WAI-SR", Wai(16, 16, 16), 53).ShouldBe([AllianceReason.Drop]);
        Reasons("WAI-SR", Wai(16, 16, 16), 54).ShouldBe([AllianceReason.Drop]);
    }

    [Theory]
    // two reasons and item mean < 3.0 (total < 36) -> high; at 36 (mean 3.0) normal
    [InlineData(12, 12, 12, AlertPriority.Normal)] // 36: below_cutoff; goal/task/bond 3.0 not low -> one reason
    [InlineData(13, 12, 11, AlertPriority.Normal)] // 36: below_cutoff + subscale_low, mean 3.0 not < 3.0
    [InlineData(12, 12, 11, AlertPriority.High)] // 35: below_cutoff + subscale_low, mean 2.92
    public void Wai_sr_priority(int goal, int task, int bond, AlertPriority priority) =>
        Evaluate("WAI-SR", Wai(goal, task, bond)).Alerts.ShouldHaveSingleItem().Priority.ShouldBe(priority);

    [Fact]
    public void Alliance_concerns_come_from_clients_and_caregivers_and_name_the_rater()
    {
        decimal?[] low = [8, 8, 8, 8];
        Evaluate("SRS", low, rater: Rater.Client).Alerts.ShouldHaveSingleItem().Message
            .ShouldBe("SRS 32.0 at clinic session 2: at or below 36; an item below 9. Talk about how the work together is going.");
        Evaluate("SRS", low, rater: Rater.Caregiver).Alerts.ShouldHaveSingleItem().Message
            .ShouldBe("SRS (caregiver's rating) 32.0 at clinic session 2: at or below 36; an item below 9. Talk about how the work together is going.");
        Evaluate("SRS", [10, 10, 10, 10], new EpisodeContext(null, 2, 45, null), Rater.Caregiver).Alerts.ShouldHaveSingleItem().Message
            .ShouldBe("SRS (caregiver's rating) 40.0 at clinic session 2: fell 5.0 since last time. Talk about how the work together is going.");
        Evaluate("WAI-SR", Wai(11, 16, 16), rater: Rater.Client).Alerts.ShouldHaveSingleItem().Message
            .ShouldBe("WAI-SR 43 at clinic session 2: Goal below 3.0. Talk about how the work together is going.");
        var therapist = Evaluate("WAI-SR", Wai(8, 8, 8), rater: Rater.Therapist);
        therapist.Alliance!.Concern.ShouldBeTrue();
        therapist.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Dual_perspective_pairs_the_clients_wai_sr_with_the_therapists_at_a_gap_of_0_15()
    {
        // 12 items 1-5: gap = (therapist sum - client sum) / 48. 7 points = 0.1458 (no), 8 points = 0.1667 (yes).
        var client = Wai(14, 14, 14); // 42
        Evaluation Therapist(decimal?[] t, bool later) =>
            Evaluate("WAI-SR", t, new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, client, later)), Rater.Therapist);
        Therapist(Wai(16, 16, 17), later: false).Alerts.ShouldBeEmpty(); // 49
        var alert = Therapist(Wai(16, 17, 17), later: false).Alerts.ShouldHaveSingleItem(); // 50
        (alert.Kind, alert.Priority, alert.OnCounterpart).ShouldBe((AlertKind.AllianceDiscrepancy, AlertPriority.Normal, false));
        alert.Message.ShouldBe("WAI-SR: the therapist's rating at clinic session 2 is 16.7% of the scale above the client's.");
        Therapist(Wai(16, 17, 17), later: true).Alerts.ShouldHaveSingleItem().OnCounterpart.ShouldBeTrue();
        // the same pair seen from the client's side
        var fromClient = Evaluate("WAI-SR", client, new EpisodeContext(null, 1, null, new Counterpart(Rater.Therapist, Wai(16, 17, 17), false)));
        fromClient.Alerts.Select(a => a.Kind).ShouldBe([AlertKind.AllianceDiscrepancy]);
        // a client rating higher than the therapist raises nothing
        Evaluate("WAI-SR", Wai(17, 17, 16), new EpisodeContext(null, 1, null, new Counterpart(Rater.Therapist, client, false))).Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Dual_perspective_needs_a_client_and_a_therapist_of_wai_sr()
    {
        var client = Wai(14, 14, 14);
        Evaluate("WAI-SR", Wai(17, 17, 16), new EpisodeContext(null, 1, null, new Counterpart(Rater.Caregiver, client, false)), Rater.Therapist)
            .Alerts.ShouldBeEmpty();
        Evaluate("WAI-SR", Wai(17, 17, 16), new EpisodeContext(null, 1, null, new Counterpart(Rater.Therapist, client, false)), Rater.Therapist)
            .Alerts.ShouldBeEmpty();
        Evaluate("SRS", [10, 10, 10, 10], new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, [7, 7, 7, 7], false)), Rater.Therapist)
            .Alerts.ShouldBeEmpty(); // SRS has no therapist form
    }

    [Fact]
    public void Normalised_means_put_the_item_range_on_0_to_1()
    {
        AllianceRules.NormalisedMean(Catalogue.WaiSr, Enumerable.Repeat<decimal?>(1, 12).ToList()).ShouldBe(0);
        AllianceRules.NormalisedMean(Catalogue.WaiSr, Enumerable.Repeat<decimal?>(5, 12).ToList()).ShouldBe(1);
        AllianceRules.NormalisedMean(Catalogue.WaiSr, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, null]).ShouldBe(0.5m);
    }

    [Theory]
    // more than staleEpisodeDays before: exactly 90 days is not stale, one second more is; 0 turns the guard off
    [InlineData(90 * 86400 - 1, 90, false), InlineData(90 * 86400, 90, false), InlineData(90 * 86400 + 1, 90, true)]
    [InlineData(86400, 1, false), InlineData(86401, 1, true), InlineData(3650 * 86400, 0, false), InlineData(-400 * 86400, 90, false)]
    public void Stale_episode_guard(long seconds, int days, bool stale)
    {
        var latest = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        StaleEpisode.IsStale(latest, latest.AddSeconds(seconds), days).ShouldBe(stale);
    }

    [Fact]
    public void Trajectory_and_deterioration_messages_give_the_numbers_a_clinician_needs_and_name_a_caregiver_rater()
    {
        static IEnumerable<string> Messages(string code, decimal?[] items, decimal intake, int session, Rater rater = Rater.Client)
        {
            var i = Catalogue.Get(code);
            var score = Scorer.Score(i, items);
            return FeedbackEngine.Evaluate(i, rater, items, score, new ScorePoint(score.Total, session),
                new EpisodeContext(new ScorePoint(intake, 1), 2, intake, null)).Alerts.Select(a => a.Message);
        }
        // PHQ-9 20 -> 18 at session 8: expected 11.45 (shown 11.5), deviation 6.55 (shown 6.6)
        Messages("PHQ-9", [3, 3, 2, 2, 2, 2, 2, 2, 0], 20, 8).ShouldBe(["PHQ-9 18 at clinic session 8 is off track: 6.6 worse than expected (11.5); one reliable change is 6."]);
        // 17: deviation 5.55 (shown 5.6), at risk
        Messages("PHQ-9", [3, 2, 2, 2, 2, 2, 2, 2, 0], 20, 8).ShouldBe(["PHQ-9 17 at clinic session 8 is at risk of not benefiting: 5.6 worse than expected (11.5)."]);
        // GAD-7 8 -> 12 at session 3: expected 3 + 5 * 3^(-1/3) = 6.47 (6.5), deviation 5.53 (5.5); change 4 = RCI
        Messages("GAD-7", [3, 3, 3, 1, 1, 1, 0], 8, 3).ShouldBe(
        [
            "GAD-7 12 at clinic session 3 is off track: 5.5 worse than expected (6.5) and reliably worse than at intake (8); one reliable change is 4.",
            "GAD-7 12 at clinic session 3 is reliably worse than at intake (8); one reliable change is 4.",
        ]);
        Messages("ORS", [4.5m, 4.5m, 4.5m, 4.4m], 20.0m, 4, Rater.Caregiver).ShouldBe(
            ["ORS (caregiver's rating) 17.9 at clinic session 4 is off track: 5.1 worse than expected (23.0); one reliable change is 5."]);
    }

    [Fact]
    public void Off_track_at_risk_and_no_change_are_the_trajectory_alerts()
    {
        Enum.GetValues<AlertKind>().Where(AlertRules.IsTrajectory).ShouldBe([AlertKind.OffTrack, AlertKind.AtRisk, AlertKind.NoChange], ignoreOrder: true);
        AlertRules.Version.ShouldBe("alerts-v1.2");
    }
}
