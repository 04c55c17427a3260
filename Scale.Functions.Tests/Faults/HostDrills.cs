using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Faults;

/// <summary>What the drills against a separate local-host process share: an HDFC statement of many rows, its upload
/// over HTTP, and reads of the upload's row and the user's transactions straight from the drill's database.</summary>
internal static class HostDrills
{
    public static HttpClient Client(Uri address) => new() { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

    public static HttpRequestMessage Authorized(HttpMethod method, string path, string user, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Hs256(TestTokens.Claims(user)));
        return request;
    }

    /// <summary>An HDFC net-banking CSV of <paramref name="rows"/> distinct debits, 80 a day, with a running balance.</summary>
    public static byte[] Statement(int rows)
    {
        var sb = new StringBuilder("Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n");
        var balance = 10_000_000m;
        var start = new DateOnly(2022, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var date = start.AddDays(i / 80).ToString("dd/MM/yy", CultureInfo.InvariantCulture);
            var amount = 10m + i % 997;
            balance -= amount;
            sb.Append(CultureInfo.InvariantCulture, $"{date},UPI-MERCHANT {i % 613}-PAY{i}@YBL-{400000000000 + i},{400000000000 + i},{date},{amount:0.00},,{balance:0.00}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <returns>The upload id of the 202.</returns>
    public static async Task<Guid> UploadAsync(Uri address, string user, byte[] statement)
    {
        using var client = Client(address);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(statement);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "statement.csv");
        using var response = await client.SendAsync(Authorized(HttpMethod.Post, "/api/v1/ingestion/uploads", user, form));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!);
    }

    public static async Task<(string Status, string? ClaimedBy, string? Error)> UploadRowAsync(NpgsqlDataSource db, Guid uploadId)
    {
        await using var cmd = db.CreateCommand("SELECT status, claimed_by, error FROM uploaded_files WHERE upload_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = uploadId });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    public static async Task<string> WaitForStatusAsync(NpgsqlDataSource db, Guid uploadId, TimeSpan timeout, params string[] statuses)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var (status, _, _) = await UploadRowAsync(db, uploadId);
            if (statuses.Contains(status)) return status;
            await Task.Delay(20, deadline.Token);
        }
    }

    public static async Task<long> CountRowsAsync(NpgsqlDataSource db, string user)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM transactions WHERE user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
