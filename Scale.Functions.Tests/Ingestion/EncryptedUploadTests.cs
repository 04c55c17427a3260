using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>Password-protected workbooks: the password opens the file once and is stored nowhere.</summary>
[Collection(ScaleAppCollection.Name)]
public sealed class EncryptedUploadTests(ScaleAppFixture fixture)
{
    private const string Password = "Scale@2024"; // of Data/Statements/hdfc_statement_encrypted.xls
    private static byte[] Encrypted() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "Statements", "hdfc_statement_encrypted.xls"));

    [Fact]
    public async Task An_encrypted_statement_is_stored_decrypted_imported_and_its_password_kept_nowhere()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        using var parsed = await user.ParseAsync(Form(Encrypted(), "hdfc.xls", password: Password));
        Assert.Equal(HttpStatusCode.OK, parsed.StatusCode);
        var rows = (await parsed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        Assert.True(rows.GetArrayLength() > 0);

        using var response = await user.UploadAsync(Form(Encrypted(), "hdfc.xls", password: Password));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var uploadId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!;
        var upload = await user.WaitForUploadAsync(uploadId);

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal("hdfc.xls", upload.GetProperty("file_name").GetString());
        // The fixture's eight rows include a 0.00 annual-fee reversal: skipped and counted, not imported.
        Assert.Equal(8, rows.GetArrayLength());
        Assert.Equal(7, upload.GetProperty("inserted").GetInt32());
        Assert.Equal(1, upload.GetProperty("skipped_zero_amount").GetInt32());

        await using var cmd = fixture.App.Database.CreateCommand("SELECT blob_name, row_to_json(u)::text FROM uploaded_files u WHERE upload_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(uploadId) });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.EndsWith("/hdfc.csv", reader.GetString(0)); // the decrypted CSV was stored, not the workbook
        Assert.DoesNotContain(Password, reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_rows_from_parse_imported_as_json_are_duplicates_of_the_encrypted_upload()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        using var parsed = await user.ParseAsync(Form(Encrypted(), "hdfc.xls", password: Password));
        var rows = (await parsed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        using var import = await fixture.App.Client.SendAsync(fixture.App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent($$"""{"transactions": {{rows.GetRawText()}}}""", Encoding.UTF8, "application/json")));
        Assert.Equal(7, (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inserted").GetInt32());

        using var response = await user.UploadAsync(Form(Encrypted(), "hdfc.xls", password: Password));
        var upload = await user.WaitForUploadAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!);
        Assert.Equal(0, upload.GetProperty("inserted").GetInt32());
        Assert.Equal(7, upload.GetProperty("skipped_duplicates").GetInt32());
    }

    [Theory]
    [InlineData(null, "password_required")]
    [InlineData("not-the-password", "wrong_password")]
    public async Task A_missing_or_wrong_password_is_422_and_nothing_is_stored(string? password, string code)
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        using var response = await user.UploadAsync(Form(Encrypted(), "hdfc.xls", password: password));
        var problem = await response.AssertProblemAsync(422, code);
        if (password is not null) Assert.DoesNotContain(password, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await user.CountAsync("uploaded_files"));
    }
}
