using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Forecasting;

/// <summary>
/// GET /forecast and GET /forecast/{user_id} through the local host (every response checked against the OpenAPI
/// document): two years of imported spending give monthly and weekly forecasts with intervals and backtest figures;
/// another user's forecast is 403; a new import makes the cached fit stale and the next read sees the new data.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class ForecastApiTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    /// <summary>Two years of daily groceries and weekend dining with a yearly festival bump, from 1 Jan 2023.</summary>
    private static object[] TwoYears(int days = 730)
    {
        var random = new Random(7);
        var start = new DateOnly(2023, 1, 1);
        var rows = new List<object>();
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            var festival = day.Month is 10 or 11 ? 1.6m : 1m;
            rows.Add(Row(Iso(day), Math.Round((300 + random.Next(0, 200)) * festival, 2), $"UPI/{d:000000}/BIGBASKET", category: "Groceries"));
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                rows.Add(Row(Iso(day), 900 + random.Next(0, 600), $"UPI/9{d:00000}/SWIGGY", category: "Food & Dining"));
        }
        return [.. rows];
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<IngestionClient> UserWithTwoYearsAsync() => UserWithTwoYearsAsync(App);

    internal static async Task<IngestionClient> UserWithTwoYearsAsync(ScaleApp app)
    {
        var user = new IngestionClient(app, ScaleApp.NewUserId());
        await user.ImportAsync(TwoYears());
        return user;
    }

    private static JsonElement Series(JsonElement forecast, string category) =>
        forecast.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("category").GetString() == category);

    [Fact]
    public async Task Two_years_of_spending_give_monthly_forecasts_with_intervals_and_a_trust_figure()
    {
        var user = await UserWithTwoYearsAsync();

        var forecast = await user.GetJsonAsync("/api/v1/forecast");
        Assert.Equal("INR", forecast.GetProperty("currency").GetString());
        Assert.Equal("month", forecast.GetProperty("granularity").GetString());
        Assert.Equal("2024-12-30", forecast.GetProperty("as_of").GetString());
        Assert.Equal(["Food & Dining", "Groceries", "TOTAL"],
            forecast.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("category").GetString()).Order(StringComparer.Ordinal));

        var total = Series(forecast, "TOTAL");
        var points = total.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2025-01-01", "2025-02-01", "2025-03-01"], points.Select(p => p.GetProperty("period_start").GetString()));
        foreach (var p in points)
        {
            var (lower, predicted, upper) = (p.GetProperty("lower").GetDecimal(), p.GetProperty("predicted").GetDecimal(), p.GetProperty("upper").GetDecimal());
            Assert.True(lower <= predicted && predicted <= upper && lower < upper, $"{lower} ≤ {predicted} ≤ {upper}");
            // A month of this history is ₹12,000–₹25,000 (groceries every day, dining on weekends).
            Assert.InRange(predicted, 10_000m, 30_000m);
        }
        var backtest = forecast.GetProperty("model").GetProperty("backtest");
        Assert.InRange(backtest.GetProperty("mase").GetDouble(), 0, 5);
        Assert.InRange(backtest.GetProperty("interval_coverage").GetDouble(), 0, 1);
        Assert.Equal(total.GetProperty("model").GetProperty("name").GetString(), forecast.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Weekly_forecasts_and_the_category_filter()
    {
        var user = await UserWithTwoYearsAsync();

        var weekly = await user.GetJsonAsync("/api/v1/forecast?granularity=week&horizon=4&category=groceries");
        var groceries = Assert.Single(weekly.GetProperty("series").EnumerateArray());
        Assert.Equal("Groceries", groceries.GetProperty("category").GetString());
        var starts = groceries.GetProperty("points").EnumerateArray().Select(p => DateOnly.Parse(p.GetProperty("period_start").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, starts.Count);
        Assert.All(starts, s => Assert.Equal(DayOfWeek.Monday, s.DayOfWeek));
        Assert.Equal(groceries.GetProperty("model").GetProperty("name").GetString(), weekly.GetProperty("model").GetProperty("name").GetString());

        var total = await user.GetJsonAsync("/api/v1/forecast?category=TOTAL");
        Assert.Equal("TOTAL", Assert.Single(total.GetProperty("series").EnumerateArray()).GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_user_without_spending_gets_empty_series_not_an_error()
    {
        var forecast = await new IngestionClient(App, ScaleApp.NewUserId()).GetJsonAsync("/api/v1/forecast?granularity=day");
        Assert.Empty(forecast.GetProperty("series").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("as_of").ValueKind);
        Assert.Equal("none", forecast.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(30, forecast.GetProperty("horizon").GetInt32());
    }

    [Fact]
    public async Task Another_users_forecast_is_403_and_the_own_one_is_the_same_as_GET_forecast()
    {
        var owner = await UserWithTwoYearsAsync();
        var other = ScaleApp.NewUserId();

        using (var response = await App.Client.SendAsync(App.Request(HttpMethod.Get, $"/api/v1/forecast/{owner.UserId}", other)))
            await response.AssertProblemAsync(403, "forbidden");

        var own = await owner.GetJsonAsync($"/api/v1/forecast/{owner.UserId}");
        var plain = await owner.GetJsonAsync("/api/v1/forecast");
        Assert.Equal(plain.GetRawText(), own.GetRawText());
    }

    [Fact]
    public async Task An_admin_may_read_any_users_forecast()
    {
        var owner = await UserWithTwoYearsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/forecast/{owner.UserId}");
        request.Headers.Authorization = new("Bearer", App.TokenFor(ScaleApp.NewUserId(), role: "admin"));
        using var response = await App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("granularity=year", "granularity")]
    [InlineData("horizon=0", "horizon")]
    [InlineData("horizon=13", "horizon")]
    [InlineData("granularity=week&horizon=27", "horizon")]
    [InlineData("granularity=day&horizon=91", "horizon")]
    [InlineData("horizon=3.5", "horizon")]
    [InlineData("category=", "category")]
    [InlineData("category=a&category=b", "category")]
    public async Task Bad_parameters_are_a_validation_problem(string query, string field)
    {
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/forecast?" + query, ScaleApp.NewUserId()));
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task An_import_makes_the_cached_fit_stale_and_the_next_read_sees_the_new_month()
    {
        var user = await UserWithTwoYearsAsync();
        var before = await user.GetJsonAsync("/api/v1/forecast");
        Assert.False(await StaleAsync(user.UserId));
        Assert.Equal(before.GetRawText(), (await user.GetJsonAsync("/api/v1/forecast")).GetRawText());

        // January 2025 arrives: the forecast now starts in February and knows about the new data.
        await user.ImportAsync(Enumerable.Range(0, 31).Select(d => Row(Iso(new DateOnly(2025, 1, 1).AddDays(d)), 2_000m, $"UPI/8{d:00000}/DMART", category: "Groceries")).ToArray());
        Assert.True(await StaleAsync(user.UserId));

        var after = await user.GetJsonAsync("/api/v1/forecast");
        Assert.Equal("2025-01-31", after.GetProperty("as_of").GetString());
        Assert.Equal("2025-02-01", Series(after, "TOTAL").GetProperty("points")[0].GetProperty("period_start").GetString());
        Assert.False(await StaleAsync(user.UserId));
    }

    [Fact]
    public async Task A_fit_stored_by_another_forecasting_engine_is_refitted_on_read_not_served()
    {
        var user = await UserWithTwoYearsAsync();
        var fresh = await user.GetJsonAsync("/api/v1/forecast");
        // What a deploy leaves behind: a fresh entry fitted by an older engine (payloads before versions had none),
        // here with a forecast the current engine would never give.
        await using (var cmd = App.Database.CreateCommand("""
            UPDATE forecast_cache SET payload = jsonb_set(payload - 'engine', '{forecast,series,0,points,0,predicted}', '123456789')
            WHERE user_id = @user AND granularity = 'month' AND horizon = 3
            """))
        {
            cmd.Parameters.AddWithValue("user", user.UserId);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        Assert.Equal(fresh.GetRawText(), (await user.GetJsonAsync("/api/v1/forecast")).GetRawText());
        await using var engine = App.Database.CreateCommand(
            "SELECT (payload->>'engine')::int FROM forecast_cache WHERE user_id = @user AND granularity = 'month' AND horizon = 3");
        engine.Parameters.AddWithValue("user", user.UserId);
        Assert.Equal(Scale.Domain.Forecasting.SpendingForecaster.EngineVersion, (int)(await engine.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task An_own_account_transfer_is_not_spending_until_the_link_is_undone()
    {
        var plain = await UserWithTwoYearsAsync();
        var moved = await UserWithTwoYearsAsync();
        // ₹2,00,000 from HDFC to ICICI in December: the same history plus a transfer pair.
        await moved.ImportAsync(
            new { date = "2024-12-10", amount = 200_000m, type = "debit", description = "UPI-SELF TRANSFER-123456789012", account = "HDFC XX6789" },
            new { date = "2024-12-10", amount = 200_000m, type = "credit", description = "UPI/987654321098/SELF", account = "ICICI XX4567" });
        var pairId = (await moved.GetJsonAsync("/api/v1/transactions?min_amount=200000")).GetProperty("items")[0]
            .GetProperty("transfer").GetProperty("pair_id").GetString()!;

        var expected = await plain.GetJsonAsync("/api/v1/forecast?granularity=week&horizon=4");
        Assert.Equal(expected.GetRawText(), (await moved.GetJsonAsync("/api/v1/forecast?granularity=week&horizon=4")).GetRawText());

        // Undone, the debit is spending again, and the cached fit follows (the link change marked it stale).
        using (var undo = await App.Client.SendAsync(App.Request(HttpMethod.Delete, $"/api/v1/transactions/transfers/{pairId}", moved.UserId)))
            Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
        Assert.NotEqual(expected.GetRawText(), (await moved.GetJsonAsync("/api/v1/forecast?granularity=week&horizon=4")).GetRawText());
    }

    /// <summary>Whether the user's default entry (month, 3 periods: what the first import prepares) is stale.</summary>
    private Task<bool> StaleAsync(string userId) => StaleAsync(App, userId);

    internal static async Task<bool> StaleAsync(ScaleApp app, string userId)
    {
        await using var cmd = app.Database.CreateCommand("SELECT stale FROM forecast_cache WHERE user_id = @user AND granularity = 'month' AND horizon = 3");
        cmd.Parameters.AddWithValue("user", userId);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }
}
