using Feedback.Api.Webhooks;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>docs/security.md: an endpoint that keeps timing out gets half its budget per timeout, down to 3 s, whole again after a 2xx.</summary>
public sealed class TimeoutBudgetsTests
{
    static DeliveryClient.Result Answer(int? status, string? error = null) => new(status, null, error, 0);

    [Fact]
    public void Timeouts_halve_the_budget_down_to_3_s_other_failures_keep_it_and_a_2xx_restores_it()
    {
        var budgets = new TimeoutBudgets();
        budgets.Of("a").ShouldBe(TimeSpan.FromSeconds(15));
        var seen = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            budgets.Record("a", Answer(null, DeliveryClient.Timeout));
            seen.Add(budgets.Of("a").TotalSeconds);
        }
        seen.ShouldBe([7.5, 3.75, 3, 3]);
        budgets.Of("b").ShouldBe(TimeSpan.FromSeconds(15)); // per endpoint
        budgets.Record("a", Answer(503));
        budgets.Record("a", Answer(null, "ConnectionError: refused"));
        budgets.Of("a").ShouldBe(TimeSpan.FromSeconds(3));
        budgets.Record("a", Answer(204));
        budgets.Of("a").ShouldBe(TimeSpan.FromSeconds(15));
    }
}
