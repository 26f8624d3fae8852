using Feedback.Clinical.Alerts;

namespace Feedback.Clinical.Support;

public enum SuggestionCode
{
    SafetyCheck, DiscussAlliance, AskAboutAlliance, ReviewPlan, CheckMotivation, CheckSocialSupport, ConsiderReferralOrMedicationReview,
}

/// <summary>One prompt for the clinician: a fixed sentence that can hold no client data.</summary>
public sealed record Suggestion(SuggestionCode Code, string Text);

/// <summary>concern: a current alliance alert or a latest rating with a reason; fine: rated without one; unmeasured: no rating.</summary>
public enum AllianceStanding { Concern, Fine, Unmeasured }

/// <summary>
/// The engine state the selection reads (clinical.md v1.2 section 11), at the evaluation that raises the alert.
/// RiskRecent: one of the episode's three latest administrations of a risk-screening instrument raised a risk alert.
/// OutcomeNotOnTrack: the episode's latest client outcome administration was answered at_risk, off_track or no_change.
/// </summary>
public sealed record SupportState(bool RiskRecent, AllianceStanding Alliance, bool OutcomeNotOnTrack);

/// <summary>
/// Clinical support suggestions <c>support-v1</c> (Feedback default): prompts chosen from the domains of Lambert's
/// clinical support tools (alliance, motivation, social support and life events; Whipple et al. 2003; Harmon et al.
/// 2007), with safety first and the rupture response of Safran et al. 2001 (explore the client's negative feelings about
/// therapy and respond openly, without defending). Feedback plus such tools helps not-on-track clients more than
/// feedback alone (g 0.36-0.53 against 0.15; Barkham, de Jong, Delgadillo &amp; Lutz 2023).
/// </summary>
public static class Suggestions
{
    public const string Version = "support-v1";

    /// <summary>The fixed sentence of a code (section 11's table): no placeholders, so it can hold no client data.</summary>
    public static string Text(SuggestionCode code) => code switch
    {
        SuggestionCode.SafetyCheck => "A self-harm item was endorsed or left unanswered recently: review risk and the safety plan first.",
        SuggestionCode.DiscussAlliance => "Talk about how the work together is going: say what you noticed, invite the client to tell you what is not helping, and respond openly, without defending.",
        SuggestionCode.AskAboutAlliance => "No alliance rating in this episode: ask how the sessions are going for the client, or add an alliance measure to the plan.",
        SuggestionCode.ReviewPlan => "Review the plan together: are the goals still the client's own, does the method fit, are the frequency and length of sessions right?",
        SuggestionCode.CheckMotivation => "Explore the client's readiness and hopes for change now; mixed feelings are common when progress stalls.",
        SuggestionCode.CheckSocialSupport => "Ask about support and stress outside therapy: relationships, recent life events, practical pressures.",
        _ => "If the review does not lead to change, consider a medication review, a consultation, or a different service or intensity.",
    };

    /// <summary>Whether alerts of this kind carry suggestions.</summary>
    public static bool Carried(AlertKind kind) =>
        kind is AlertKind.OffTrack or AlertKind.AtRisk or AlertKind.NoChange or AlertKind.EarlyAllianceRisk or AlertKind.RuptureUnrepaired;

    /// <summary>The ordered prompts for an alert (section 11 "Selection"); empty for the kinds that carry none.</summary>
    public static IReadOnlyList<Suggestion> For(AlertKind kind, AlertPriority priority, SupportState state)
    {
        var codes = new List<SuggestionCode>();
        if (!Carried(kind)) return [];
        if (state.RiskRecent) codes.Add(SuggestionCode.SafetyCheck);
        var review = new[] { SuggestionCode.ReviewPlan, SuggestionCode.CheckMotivation, SuggestionCode.CheckSocialSupport };
        switch (kind)
        {
            case AlertKind.OffTrack or AlertKind.AtRisk or AlertKind.NoChange:
                if (state.Alliance == AllianceStanding.Concern) codes.Add(SuggestionCode.DiscussAlliance);
                if (state.Alliance == AllianceStanding.Unmeasured) codes.Add(SuggestionCode.AskAboutAlliance);
                codes.AddRange(review);
                if (priority == AlertPriority.High) codes.Add(SuggestionCode.ConsiderReferralOrMedicationReview);
                break;
            case AlertKind.EarlyAllianceRisk:
                codes.Add(SuggestionCode.DiscussAlliance);
                if (priority == AlertPriority.High) codes.AddRange(review);
                break;
            default:
                codes.Add(SuggestionCode.DiscussAlliance);
                if (state.OutcomeNotOnTrack) codes.AddRange(review);
                break;
        }
        return [.. codes.Select(c => new Suggestion(c, Text(c)))];
    }
}
