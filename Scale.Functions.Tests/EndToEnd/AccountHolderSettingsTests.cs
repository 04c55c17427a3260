using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>Issue 13: PUT /settings takes the user's own names and accounts; classification uses them.</summary>
[Collection(ScaleAppCollection.Name)]
public class AccountHolderSettingsTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private Task<HttpResponseMessage> Put(string user, object body) =>
        _app.Client.SendAsync(_app.Request(HttpMethod.Put, "/api/v1/settings", user, ScaleApp.Json(body)));

    private async Task<JsonElement> Classify(string user, string description)
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/classify", user,
            ScaleApp.Json(new { description, amount = 15000, type = "debit" })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Strings(JsonElement body, string property) =>
        body.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task Account_holder_names_and_accounts_are_stored_cleaned_and_returned_by_the_profile()
    {
        var user = ScaleApp.NewUserId();
        var response = await Put(user, new
        {
            account_holder_names = new[] { "  Aniket  Ramesh Sharma ", "ANIKET RAMESH SHARMA", "Asha D'Souza" },
            own_account_numbers = new[] { "5010 0234 5678 12", "200-1234-5678" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await (await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", user))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Aniket Ramesh Sharma", "Asha D'Souza"], Strings(profile, "account_holder_names"));
        Assert.Equal(["50100234567812", "20012345678"], Strings(profile, "own_account_numbers"));

        var untouched = await (await Put(user, new { timezone = "Asia/Kolkata" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, Strings(untouched, "account_holder_names").Count);
        var cleared = await (await Put(user, new { account_holder_names = Array.Empty<string>() })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(Strings(cleared, "account_holder_names"));
        Assert.Equal(2, Strings(cleared, "own_account_numbers").Count);
    }

    [Fact]
    public async Task Invalid_names_or_accounts_are_a_400_naming_each_item_and_change_nothing()
    {
        var user = ScaleApp.NewUserId();
        await Put(user, new { account_holder_names = new[] { "Asha Menon" } });

        var response = await Put(user, new
        {
            account_holder_names = new[] { "Asha Menon", "R2-D2", "x" },
            own_account_numbers = new[] { "12", "ABCD1234" },
            currency = "EUR",
        });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("account_holder_names[1]", out _));
        Assert.True(errors.TryGetProperty("account_holder_names[2]", out _));
        Assert.True(errors.TryGetProperty("own_account_numbers[0]", out _));
        Assert.True(errors.TryGetProperty("own_account_numbers[1]", out _));
        var profile = await (await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", user))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Asha Menon"], Strings(profile, "account_holder_names"));
        Assert.Equal("INR", profile.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Too_many_names_or_a_wrong_json_type_is_a_400()
    {
        var tooMany = await Put(ScaleApp.NewUserId(), new { account_holder_names = Enumerable.Range(0, 6).Select(i => $"Name {(char)('A' + i)}x").ToArray() });
        var problem = await tooMany.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("account_holder_names", out _));

        var wrongType = await Put(ScaleApp.NewUserId(), new { own_account_numbers = "50100234567812" });
        await wrongType.AssertProblemAsync(400, "malformed_json");
    }

    [Fact]
    public async Task A_transfer_to_the_users_own_name_or_account_is_a_confident_transfer_once_settings_say_so()
    {
        var user = ScaleApp.NewUserId();
        const string toSelfByName = "TO TRANSFER-UPI/DR/320011223344/ANIKET R/HDFC/aniket.sha/UPI--";
        const string toSelfByAccount = "IMPS-414499887766-A R SHARMA-SBIN-XXXXXXX5678-TRANSFER";

        var before = await Classify(user, toSelfByName);
        Assert.DoesNotContain("own accounts", before.GetProperty("explanation").GetString());

        await Put(user, new { account_holder_names = new[] { "Aniket Ramesh Sharma" }, own_account_numbers = new[] { "20012345678" } });
        var byName = await Classify(user, toSelfByName);
        var byAccount = await Classify(user, toSelfByAccount);

        foreach (var result in new[] { byName, byAccount })
        {
            Assert.Equal(Taxonomy.Transfers, result.GetProperty("category").GetString());
            Assert.Equal("model", result.GetProperty("source").GetString());
            Assert.True(result.GetProperty("confidence").GetDouble() >= 0.95);
            Assert.Contains("own accounts", result.GetProperty("explanation").GetString());
        }
        var someoneElse = await Classify(ScaleApp.NewUserId(), toSelfByAccount);
        Assert.DoesNotContain("own accounts", someoneElse.GetProperty("explanation").GetString());
    }
}
