using BenchmarkDotNet.Attributes;
using Feedback.Clinical;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;

namespace Feedback.Benchmarks;

/// <summary>
/// Scoring and feedback for one administration, per instrument (target: under 5 us and near-zero allocation
/// for PHQ-9 with a 20-session history). The engine reads the history as its context (intake, place, previous), so
/// a 20-session history is a context at ordinal 21.
/// </summary>
[MemoryDiagnoser]
public class FeedbackBenchmarks
{
    [Params("PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "SRS", "WAI-SR")]
    public string Code { get; set; } = "PHQ-9";

    Instrument instrument = Catalogue.Phq9;
    decimal?[] items = [];
    EpisodeContext context = new(null, 1, null, null);

    [GlobalSetup]
    public void Setup()
    {
        instrument = Catalogue.Get(Code);
        items = Enumerable.Range(0, instrument.ItemCount).Select(i => (decimal?)(instrument.ItemMin + (i % (instrument.ItemMax - instrument.ItemMin + 1)))).ToArray();
        var intakeTotal = instrument.Kind == InstrumentKind.Outcome ? instrument.TotalMax * 0.7m : instrument.TotalMax;
        context = new EpisodeContext(new ScorePoint(Math.Round(intakeTotal), 1), 21, intakeTotal, null);
    }

    [Benchmark]
    public Score Score() => Scorer.Score(instrument, items);

    [Benchmark]
    public Evaluation ScoreAndFeedback()
    {
        var score = Scorer.Score(instrument, items);
        return FeedbackEngine.Evaluate(instrument, Rater.Client, items, score, new ScorePoint(score.Total, 21), context);
    }
}
