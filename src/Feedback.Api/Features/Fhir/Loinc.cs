namespace Feedback.Api.Features.Fhir;

/// <summary>
/// The LOINC codes Feedback uses (interop.md 1.2): panels, totals and items of PHQ-9 and GAD-7 in item order (loinc.org
/// 69729-2 and the PHQ-9 panel 44249-1), and the four answers they share. No LOINC code was found for the other instruments.
/// </summary>
static class Loinc
{
    public sealed record Item(string Code, string Display);
    public sealed record Answer(string Code, string Display, int Value);
    public sealed record Panel(string Instrument, string PanelCode, string TotalCode, IReadOnlyList<Item> Items);

    public static readonly IReadOnlyList<Answer> Answers =
    [
        new("LA6568-5", "Not at all", 0),
        new("LA6569-3", "Several days", 1),
        new("LA6570-1", "More than half the days", 2),
        new("LA6571-9", "Nearly every day", 3),
    ];

    // Item wording is LOINC's display; the PHQ-9 and GAD-7 notice allows reproducing it ("no permission required").
    public static readonly IReadOnlyList<Panel> Panels =
    [
        new("PHQ-9", "44249-1", "44261-6",
        [
            new("44250-9", "Little interest or pleasure in doing things"),
            new("44255-8", "Feeling down, depressed, or hopeless"),
            new("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
            new("44254-1", "Feeling tired or having little energy"),
            new("44251-7", "Poor appetite or overeating"),
            new("44258-2", "Feeling bad about yourself-or that you are a failure or have let yourself or your family down"),
            new("44252-5", "Trouble concentrating on things, such as reading the newspaper or watching television"),
            new("44253-3", "Moving or speaking so slowly that other people could have noticed. Or the opposite-being so fidgety or restless that you have been moving around a lot more than usual"),
            new("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way"),
        ]),
        new("GAD-7", "69737-5", "70274-6",
        [
            new("69725-0", "Feeling nervous, anxious or on edge"),
            new("68509-9", "Not being able to stop or control worrying"),
            new("69733-4", "Worrying too much about different things"),
            new("69734-2", "Trouble relaxing"),
            new("69735-9", "Being so restless that it is hard to sit still"),
            new("69689-8", "Becoming easily annoyed or irritable"),
            new("69736-7", "Feeling afraid as if something awful might happen"),
        ]),
    ];

    public static Panel? PanelOf(string instrument) => Panels.FirstOrDefault(p => p.Instrument == instrument);

    /// <summary>The instrument and item number (1-based) of a LOINC item code; null when it is none of ours.</summary>
    public static (string Instrument, int Item)? FindItem(string code)
    {
        foreach (var panel in Panels)
            for (var i = 0; i < panel.Items.Count; i++)
                if (panel.Items[i].Code == code) return (panel.Instrument, i + 1);
        return null;
    }

    public static string? InstrumentOfTotal(string code) => Panels.FirstOrDefault(p => p.TotalCode == code)?.Instrument;
    public static string? InstrumentOfPanel(string code) => Panels.FirstOrDefault(p => p.PanelCode == code)?.Instrument;
    public static Answer? FindAnswer(string code) => Answers.FirstOrDefault(a => a.Code == code);
    public static Answer AnswerOf(decimal value) => Answers.Single(a => a.Value == value);
}
