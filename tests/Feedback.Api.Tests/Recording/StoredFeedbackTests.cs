using Feedback.Api.Shared.Views;
using Feedback.Api.Json;
using Feedback.Api.Recording;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Tests.Recording;

/// <summary>
/// Stored feedback is a format of its own: rows written before StoredFeedback existed (by the service at 6196b09, which
/// serialised the API's FeedbackView into feedback_json) read back and write out byte for byte, and the API still shows
/// them as it did, so neither a renamed API field nor a renamed storage field can pass unnoticed.
/// </summary>
public sealed class StoredFeedbackTests
{
    // Captured from feedback_json of a database the service wrote: PHQ-9 baseline, on track, off track, recovered; a
    // caregiver's CORS whose client changed age group; SRS before, at and after a rupture.
    static readonly string[] Rows =
    [
        """{"kind":"outcome","intakeScore":16,"intakeProrated":false,"changeFromIntake":0,"reliableChange":"unchanged","recovered":false,"expected":{"model":"power-decay-v1.1","session":1,"score":16,"atRisk":19,"offTrack":22},"deviation":0,"status":"baseline"}""",
        """{"kind":"outcome","intakeScore":16,"intakeProrated":false,"changeFromIntake":-1,"reliableChange":"unchanged","recovered":false,"expected":{"model":"power-decay-v1.1","session":2,"score":13.3,"atRisk":16.3,"offTrack":19.3},"deviation":1.7,"status":"on_track"}""",
        """{"kind":"outcome","intakeScore":16,"intakeProrated":false,"changeFromIntake":7,"reliableChange":"deteriorated","recovered":false,"expected":{"model":"power-decay-v1.1","session":3,"score":12.0,"atRisk":15.0,"offTrack":18.0},"deviation":11.0,"status":"off_track"}""",
        """{"kind":"outcome","intakeScore":16,"intakeProrated":false,"changeFromIntake":-15,"reliableChange":"improved","recovered":true,"expected":{"model":"power-decay-v1.1","session":4,"score":11.2,"atRisk":14.2,"offTrack":17.2},"deviation":-10.2,"status":"recovered"}""",
        """{"kind":"outcome","intakeScore":21.5,"intakeProrated":false,"changeFromIntake":8.0,"reliableChange":"improved","recovered":false,"expected":{"model":"power-decay-v1.1","session":2,"score":24.2,"atRisk":21.7,"offTrack":19.2},"deviation":-5.3,"status":"on_track","trajectoryAgeGroup":"child","trajectoryClinicalRange":true}""",
        """{"kind":"alliance","concern":false,"reasons":[],"rupture":null}""",
        """{"kind":"alliance","previousScore":38,"changeFromPrevious":-14.0,"concern":true,"reasons":["below_cutoff","item_below_9"],"rupture":{"state":"open","baseline":38,"sinceAdministrationId":"01M99HVMETRGJJE6ZDNJJG5F0A","ratingsSince":0}}""",
        """{"kind":"alliance","previousScore":28,"changeFromPrevious":10.0,"concern":false,"reasons":[],"rupture":{"state":"repaired","baseline":38,"sinceAdministrationId":"01M99HVMETRGJJE6ZDNJJG5F0A","ratingsSince":2}}""",
    ];

    public static readonly TheoryData<string> WrittenBefore = new(Rows);

    [Theory, MemberData(nameof(WrittenBefore))]
    public void A_row_written_before_reads_back_and_writes_out_unchanged_and_the_api_shows_it_as_before(string stored)
    {
        var feedback = StoredFeedback.Parse(stored)!;
        feedback.ToJson().ShouldBe(stored);
        System.Text.Json.JsonSerializer.Serialize(FeedbackView.From(feedback), JsonSetup.Options).ShouldBe(stored);
    }

    [Fact]
    public void The_fields_a_clinical_decision_reads_come_back_typed()
    {
        var offTrack = StoredFeedback.Parse(Rows[2])!;
        (offTrack.Status, offTrack.Expected!.Session, offTrack.ReliableChange).ShouldBe((ProgressStatus.OffTrack, 3, ChangeCategory.Deteriorated));
        var rupture = StoredFeedback.Parse(Rows[6])!;
        rupture.Reasons.ShouldBe([AllianceReason.BelowCutoff, AllianceReason.ItemBelow9]);
        rupture.Rupture!.State.ShouldBe(RuptureState.Open);
        StoredFeedback.Parse(null).ShouldBeNull();
    }

    [Fact]
    public void Alliance_feedback_stored_before_alliance_v2_has_no_rupture_and_the_api_answers_null_as_it_did()
    {
        var old = StoredFeedback.Parse("""{"kind":"alliance","previousScore":38,"changeFromPrevious":0.0,"concern":false,"reasons":[]}""")!;
        old.Rupture.ShouldBeNull();
        System.Text.Json.JsonSerializer.Serialize(FeedbackView.From(old), JsonSetup.Options)
            .ShouldBe("""{"kind":"alliance","previousScore":38,"changeFromPrevious":0.0,"concern":false,"reasons":[],"rupture":null}""");
    }
}
