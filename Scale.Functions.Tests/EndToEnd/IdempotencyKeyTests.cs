using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Infrastructure.Idempotency;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>Idempotency-Key on the create routes (API.md): a retry returns the first response and creates nothing twice.</summary>
[Collection(ScaleAppCollection.Name)]
public class IdempotencyKeyTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private static readonly object ThreeRows = new
    {
        transactions = new[]
        {
            IngestionClient.Row("2024-05-01", 349m, "UPI/P2M/412345600001/SWIGGY/swiggy@ybl/order"),
            IngestionClient.Row("2024-05-02", 1200m, "POS 4591XXXXXXXX1234 DMART ANDHERI"),
            IngestionClient.Row("2024-05-03", 85000m, "NEFT CR-ACME SOFTWARE PVT LTD-SALARY MAY", type: "credit"),
        },
    };

    private Task<HttpResponseMessage> SendAsync(string path, string userId, HttpContent content, string? key)
    {
        var request = _app.Request(HttpMethod.Post, path, userId, content);
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return _app.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> ImportAsync(string userId, object body, string? key) =>
        SendAsync("/api/v1/ingestion/import", userId, ScaleApp.Json(body), key);

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";

    [Fact]
    public async Task A_retried_import_returns_the_first_response_and_inserts_nothing_more()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();

        using var first = await ImportAsync(user.UserId, ThreeRows, key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(Replayed(first));
        using var retry = await ImportAsync(user.UserId, ThreeRows, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(Replayed(retry));

        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var retryBody = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstBody.GetProperty("import_id").GetString(), retryBody.GetProperty("import_id").GetString());
        Assert.Equal(3, retryBody.GetProperty("inserted").GetInt32());
        Assert.Equal(3, await user.CountAsync());
        Assert.Equal(1, await CountImportsAsync(user.UserId));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_imports_nothing()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();
        using var first = await ImportAsync(user.UserId, ThreeRows, key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var other = new { transactions = new[] { IngestionClient.Row("2024-05-09", 10m, "ATM WDL SBI ATM ANDHERI") } };
        using var reused = await ImportAsync(user.UserId, other, key);
        await reused.AssertProblemAsync(422, "idempotency_key_reused");
        Assert.Equal(3, await user.CountAsync());
    }

    [Fact]
    public async Task Keys_belong_to_one_user()
    {
        var asha = new IngestionClient(_app, ScaleApp.NewUserId());
        var ravi = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();
        using var first = await ImportAsync(asha.UserId, ThreeRows, key);
        using var second = await ImportAsync(ravi.UserId, ThreeRows, key);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(Replayed(second));
        Assert.Equal(3, await ravi.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public async Task A_malformed_key_is_400_and_imports_nothing(string key)
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        using var response = await ImportAsync(user.UserId, ThreeRows, key);
        await response.AssertProblemAsync(400, "invalid_idempotency_key");
        Assert.Equal(0, await user.CountAsync());
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        using var response = await ImportAsync(user.UserId, ThreeRows, new string('k', 256));
        await response.AssertProblemAsync(400, "invalid_idempotency_key");
    }

    [Fact]
    public async Task A_refused_request_is_not_stored_so_the_corrected_one_may_reuse_the_key()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();
        using var broken = await SendAsync("/api/v1/ingestion/import", user.UserId,
            new StringContent("{\"transactions\": [", System.Text.Encoding.UTF8, "application/json"), key);
        await broken.AssertProblemAsync(400);

        using var corrected = await ImportAsync(user.UserId, ThreeRows, key);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.False(Replayed(corrected));
        Assert.Equal(3, await user.CountAsync());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_run_once()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ImportAsync(user.UserId, ThreeRows, key)));
        try
        {
            // Each is the first response, its replay, "still running" (409 with Retry-After) or the per-user in-flight
            // limit's 429 (the heavy-route gate admits only a few imports at once); never a second import.
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests }));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK && !Replayed(r)));
            foreach (var busy in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                Assert.True(busy.Headers.RetryAfter is not null);
                await busy.AssertProblemAsync(409, "idempotency_key_in_progress");
            }
            Assert.Equal(3, await user.CountAsync());
            Assert.Equal(1, await CountImportsAsync(user.UserId));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task A_key_older_than_24_hours_is_not_replayed_and_is_purged()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();
        using (var first = await ImportAsync(user.UserId, ThreeRows, key)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AgeKeysAsync(user.UserId, TimeSpan.FromHours(25));

        using var later = await ImportAsync(user.UserId, ThreeRows, key);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.False(Replayed(later));
        // Run anew: the rows are already stored, so this time they are duplicates.
        Assert.Equal(0, (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inserted").GetInt32());

        await AgeKeysAsync(user.UserId, TimeSpan.FromHours(25));
        var store = new IdempotencyKeyStore(_app.Database);
        Assert.True(await store.PurgeExpiredAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await user.CountAsync("idempotency_keys"));
    }

    [Fact]
    public async Task A_retried_statement_upload_with_a_new_multipart_boundary_is_the_same_upload()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var key = Guid.NewGuid().ToString();
        var statement = IngestionClient.SampleStatement();

        // Each Form() has its own random boundary, as a browser's retry would.
        using var first = await SendAsync("/api/v1/ingestion/uploads", user.UserId, IngestionClient.Form(statement, "march.csv"), key);
        using var retry = await SendAsync("/api/v1/ingestion/uploads", user.UserId, IngestionClient.Form(statement, "march.csv"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.True(Replayed(retry));
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString();
        Assert.Equal(id, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await user.CountAsync("uploaded_files"));

        // Another file under the same key is another request.
        var other = IngestionClient.HdfcCsv(("05/03/24", "UPI-ZOMATO-ZOMATO@HDFC-412345678909", "0000412345678909", 410.00m, null));
        using var reused = await SendAsync("/api/v1/ingestion/uploads", user.UserId, IngestionClient.Form(other, "march.csv"), key);
        await reused.AssertProblemAsync(422, "idempotency_key_reused");
        await user.WaitForUploadAsync(id!);
    }

    [Fact]
    public async Task A_retried_training_job_start_returns_the_same_job()
    {
        var user = ScaleApp.NewUserId();
        var key = Guid.NewGuid().ToString();
        using var first = await SendAsync("/api/v1/training/jobs", user, ScaleApp.Json(new { }), key);
        using var retry = await SendAsync("/api/v1/training/jobs", user, ScaleApp.Json(new { }), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.True(Replayed(retry));
        var job = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();
        Assert.Equal(job, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString());
        await using var count = _app.Database.CreateCommand("SELECT count(*) FROM training_jobs WHERE user_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = user });
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private async Task<long> CountImportsAsync(string userId)
    {
        await using var cmd = _app.Database.CreateCommand("SELECT count(*) FROM imports WHERE user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task AgeKeysAsync(string userId, TimeSpan age)
    {
        await using var cmd = _app.Database.CreateCommand("UPDATE idempotency_keys SET created_at = now() - $2 WHERE user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = userId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = age });
        await cmd.ExecuteNonQueryAsync();
    }
}
