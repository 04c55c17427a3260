using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Training;

/// <summary>Drives the training API as the frontend does, and writes labelled files in the generic CSV layout.</summary>
internal static class TrainingClient
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// A labelled history in the generic CSV layout (Date, Description, Amount, Type, Category). The user files two
    /// of their payees their own way: their landlord's UPI transfers as Rent, a tutor as Education; the base model
    /// reads both as person-to-person transfers. Categories cycle, so the newest (held-out) rows contain each.
    /// </summary>
    public static string LabelledCsv(int rows, DateOnly? start = null)
    {
        (string Narration, string Type, string Category)[] kinds =
        [
            ("UPI/RAMESH KUMAR/ramesh.kumar@okaxis/house rent/{0}", "Dr", "Rent"),
            ("UPI/ANITA SHARMA/anita.sharma@ybl/tuition/{0}", "Dr", "Education"),
            ("UPI/ZOMATO/zomato@hdfcbank/order {0}", "Dr", "Food & Dining"),
            ("ATM WDL HDFC ATM KORAMANGALA {0}", "Dr", "Cash Withdrawal"),
        ];
        var first = start ?? new DateOnly(2026, 1, 1);
        var csv = new StringBuilder("Date,Description,Amount,Type,Category\n");
        for (var i = 0; i < rows; i++)
        {
            var (narration, type, category) = kinds[i % kinds.Length];
            var reference = (500000 + i).ToString(CultureInfo.InvariantCulture);
            var amount = (1000 + i * 7).ToString("F2", CultureInfo.InvariantCulture);
            csv.Append(first.AddDays(i).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(',')
               .Append(string.Format(CultureInfo.InvariantCulture, narration, reference)).Append(',')
               .Append(amount).Append(',').Append(type).Append(',').Append('"').Append(category).Append('"').Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Storing this user's candidate model fails on every attempt (a trigger raising for their rows only).</summary>
    public static async Task RefuseCandidatesOfAsync(ScaleApp app, string userId)
    {
        var name = "refuse_" + userId.Replace('-', '_');
        await using var inject = app.Database.CreateCommand($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.user_id = '{userId}' THEN RAISE EXCEPTION 'disk full (injected)'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {name} BEFORE INSERT ON user_models FOR EACH ROW EXECUTE FUNCTION {name}();
            """);
        await inject.ExecuteNonQueryAsync();
    }

    /// <summary>Moves a job's creation time back by <paramref name="age"/> (what the sweeper's time limit looks at).</summary>
    public static async Task AgeJobAsync(Npgsql.NpgsqlDataSource database, Guid jobId, TimeSpan age)
    {
        await using var cmd = database.CreateCommand("UPDATE training_jobs SET created_at = now() - $2 WHERE job_id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = jobId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = age });
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<HttpResponseMessage> UploadAsync(ScaleApp app, string userId, string csv, string fileName = "labelled.csv")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/training/upload", userId, form));
    }

    public static async Task<Guid> AcceptedJobIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", body.GetProperty("status").GetString());
        return body.GetProperty("job_id").GetGuid();
    }

    public static async Task<JsonElement> StatusAsync(ScaleApp app, string userId, Guid jobId)
    {
        var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, $"/api/v1/training/status/{jobId}", userId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls GET /training/status until the job is final; returns every distinct (status, step) seen, in order.</summary>
    public static async Task<(JsonElement Final, List<string> Seen)> WaitForFinalAsync(ScaleApp app, string userId, Guid jobId)
    {
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(RunTimeout);
        while (true)
        {
            var status = await StatusAsync(app, userId, jobId);
            var label = status.GetProperty("status").GetString() + ":" + status.GetProperty("step").GetString();
            if (seen.Count == 0 || seen[^1] != label) seen.Add(label);
            if (status.GetProperty("status").GetString() is "completed" or "failed") return (status, seen);
            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Reads GET /training/status/{id}/events to its end; returns the data of each "status" event.</summary>
    public static async Task<List<JsonElement>> ReadEventsAsync(ScaleApp app, string userId, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        using var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, $"/api/v1/training/status/{jobId}/events", userId),
            HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<JsonElement>();
        string? eventName = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "status")
                events.Add(JsonDocument.Parse(line[6..]).RootElement.Clone());
        }
        return events;
    }
}
