using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>The ingestion API as a test drives it: over HTTP, as one user, plus row counts straight from Postgres.</summary>
public sealed class IngestionClient(ScaleApp app, string userId)
{
    public string UserId => userId;

    public static object Row(string date, decimal amount, string description, string type = "debit", string? category = null,
        string? merchant = null, string? reference = null, object? raw = null) =>
        new { date, amount, type, description, category, merchant, reference, raw };

    public async Task<HttpResponseMessage> PostImportAsync(object body) =>
        await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/ingestion/import", userId, ScaleApp.Json(body)));

    public async Task<JsonElement> ImportAsync(params object[] rows)
    {
        using var response = await PostImportAsync(new { transactions = rows });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static MultipartFormDataContent Form(byte[] file, string fileName, string? password = null, string? bank = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(part, "file", fileName);
        if (password is not null) form.Add(new StringContent(password), "password");
        if (bank is not null) form.Add(new StringContent(bank), "bank");
        return form;
    }

    public Task<HttpResponseMessage> ParseAsync(HttpContent content) =>
        app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/ingestion/parse", userId, content));

    public Task<HttpResponseMessage> UploadAsync(HttpContent content) =>
        app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/ingestion/uploads", userId, content));

    /// <summary>Uploads a statement, expects 202 and waits for the upload to finish.</summary>
    public async Task<JsonElement> UploadAndWaitAsync(byte[] file, string fileName, string? bank = null)
    {
        using var response = await UploadAsync(Form(file, fileName, bank: bank));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return await WaitForUploadAsync(accepted.GetProperty("upload_id").GetString()!);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, path, userId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Polls as a frontend would: inside the default throttle tier (100/min), so a slow import on a loaded machine
    /// is waited for instead of being answered 429.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(700);

    /// <summary>Polls GET /ingestion/uploads/{id} until the upload is finished or the deadline passes.</summary>
    public async Task<JsonElement> WaitForUploadAsync(string uploadId, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(PollInterval);
        while (true)
        {
            var upload = await GetJsonAsync($"/api/v1/ingestion/uploads/{uploadId}");
            if (upload.GetProperty("status").GetString() is "completed" or "failed") return upload;
            try { await tick.WaitForNextTickAsync(deadline.Token); }
            catch (OperationCanceledException) { Assert.Fail($"Upload {uploadId} still '{upload.GetProperty("status")}' at the deadline."); }
        }
    }

    /// <summary>For blobs dropped without the API: waits for the user's newest upload to appear and finish.</summary>
    public async Task<JsonElement> WaitForLatestUploadAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(PollInterval);
        while (true)
        {
            var items = (await GetJsonAsync("/api/v1/ingestion/uploads")).GetProperty("items");
            if (items.GetArrayLength() > 0) return await WaitForUploadAsync(items[0].GetProperty("upload_id").GetString()!);
            try { await tick.WaitForNextTickAsync(deadline.Token); }
            catch (OperationCanceledException) { Assert.Fail("The dropped blob was never picked up."); }
        }
    }

    public async Task<long> CountAsync(string table = "transactions")
    {
        await using var cmd = app.Database.CreateCommand($"SELECT count(*) FROM {table} WHERE user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A statement in HDFC's net-banking CSV layout (no real customer data).</summary>
    public static byte[] HdfcCsv(params (string Date, string Narration, string Reference, decimal? Withdrawal, decimal? Deposit)[] rows)
    {
        var sb = new StringBuilder("Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n");
        var balance = 100_000m;
        foreach (var (date, narration, reference, withdrawal, deposit) in rows)
        {
            balance += (deposit ?? 0) - (withdrawal ?? 0);
            sb.Append(CultureInfo.InvariantCulture, $"{date},{narration},{reference},{date},{withdrawal:0.00},{deposit:0.00},{balance:0.00}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] SampleStatement() => HdfcCsv(
        ("01/03/24", "UPI-SWIGGY-SWIGGY@ICICI-412345678901", "0000412345678901", 349.00m, null),
        ("02/03/24", "NEFT CR-ACME SOFTWARE PVT LTD-SALARY MAR", "N062240012345678", null, 85000.00m),
        ("03/03/24", "UPI-CAFE COFFEE DAY-CCD@YBL-412399", "0000412399000001", 180.00m, null),
        ("03/03/24", "UPI-CAFE COFFEE DAY-CCD@YBL-412399", "0000412399000001", 180.00m, null),
        ("05/03/24", "ATW-512345XXXXXX1234-S1ANMU12-MUMBAI", "0000000000004321", 2000.00m, null));
}
