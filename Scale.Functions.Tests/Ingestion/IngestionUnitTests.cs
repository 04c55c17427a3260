using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Scale.Domain.Ingestion;
using Scale.Functions.Api;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>The pure pieces of ingestion: row reading, file and blob names, cursors.</summary>
public sealed class IngestionUnitTests
{
    [Fact]
    public void A_valid_row_becomes_a_draft_with_defaults()
    {
        using var doc = JsonDocument.Parse("""{"date":"2024-03-05","amount":180.5,"type":"debit","description":"  UPI-CCD  ","category":"groceries"}""");
        var candidate = TransactionInReader.Read(7, doc.RootElement);
        Assert.Null(candidate.Errors);
        Assert.Equal(7, candidate.Index);
        Assert.Equal("INR", candidate.Draft!.Currency);
        Assert.Equal("UPI-CCD", candidate.Draft.Description);
        Assert.Equal("Groceries", candidate.Draft.Category);
    }

    [Theory]
    [InlineData("""{"date":"2024-03-05","amount":1,"type":"debit","description":"x","currency":"rupees"}""", "currency")]
    [InlineData("""{"date":"2024-03-05","amount":1,"type":"debit","description":"x","raw":[1]}""", "raw")]
    [InlineData("""{"date":"2024-03-05","amount":1,"type":"debit","description":"\ud800"}""", "description")]
    [InlineData("""{"date":"2024-03-05","amount":1e13,"type":"debit","description":"x"}""", "amount")]
    [InlineData("""{"date":"2024-03-05","amount":1,"type":"debit","description":"x","raw":{"k":"\udc00"}}""", "raw")]
    [InlineData("""{"date":"2024-03-05","amount":1,"type":"debit","description":"x","merchant":"a\u0000b"}""", "merchant")]
    public void Storage_rules_reject_what_postgres_could_not_hold(string json, string field)
    {
        using var doc = JsonDocument.Parse(json);
        var candidate = TransactionInReader.Read(0, doc.RootElement);
        var errors = candidate.Errors ?? DraftRules.Check(candidate.Draft!);
        Assert.NotNull(errors);
        Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(@"C:\Users\me\Downloads\HDFC march.csv", "HDFC march.csv")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("stmt\u0000\r\n?#%.xlsx", "stmt______.xlsx")]
    [InlineData("", "statement")]
    [InlineData("...", "statement")]
    public void Uploaded_file_names_are_made_safe(string name, string expected) =>
        Assert.Equal(expected, StatementForms.SafeFileName(name));

    [Fact]
    public void Long_file_names_keep_their_extension()
    {
        var safe = StatementForms.SafeFileName(new string('a', 300) + ".xlsx");
        Assert.Equal(100, safe.Length);
        Assert.EndsWith(".xlsx", safe);
    }

    [Theory]
    [InlineData("user-1/0190a1b2-0000-7000-8000-000000000000/march.csv", "user-1", "march.csv")]
    [InlineData("user-1/march.csv", "user-1", "march.csv")]
    [InlineData("user-1/a/b/c/march.csv", "user-1", "march.csv")]
    public void Blob_names_give_the_owner_and_the_file(string blobName, string user, string file)
    {
        Assert.True(StatementBlobName.TryParse(blobName, out var userId, out var fileName));
        Assert.Equal((user, file), (userId, fileName));
    }

    [Theory]
    [InlineData("march.csv")]
    [InlineData("/march.csv")]
    [InlineData("user-1/")]
    public void Blob_names_without_an_owner_are_refused(string blobName) =>
        Assert.False(StatementBlobName.TryParse(blobName, out _, out _));

    [Fact]
    public void Cursors_round_trip_and_are_bound_to_their_user_and_kind()
    {
        var cursors = new PageCursors(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pagination:CursorKey"] = "k" }).Build());
        var cursor = cursors.ForTransaction("alice", new DateOnly(2024, 3, 5), 42);

        Assert.True(cursors.TryReadTransaction("alice", cursor, out var date, out var id));
        Assert.Equal((new DateOnly(2024, 3, 5), 42L), (date, id));
        Assert.False(cursors.TryReadTransaction("bob", cursor, out _, out _));
        Assert.False(cursors.TryReadUpload("alice", cursor, out _, out _));
        Assert.False(cursors.TryReadTransaction("alice", cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1], out _, out _));
        Assert.False(cursors.TryReadTransaction("alice", "!!!", out _, out _));

        var created = new DateTime(2024, 3, 5, 10, 11, 12, DateTimeKind.Utc).AddTicks(1230);
        var upload = Guid.CreateVersion7();
        Assert.True(cursors.TryReadUpload("alice", cursors.ForUpload("alice", created, upload), out var c, out var u));
        Assert.Equal((created, upload), (c, u));
    }

    [Fact]
    public void An_empty_cursor_key_setting_falls_back_to_the_signing_key_not_to_the_empty_string()
    {
        static PageCursors With(string? cursorKey, string? signingKey) => new(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pagination:CursorKey"] = cursorKey, ["Auth:SigningKey"] = signingKey }).Build());

        var cursor = With("", "signing-secret-one").ForTransaction("alice", new DateOnly(2024, 3, 5), 42);

        Assert.True(With(null, "signing-secret-one").TryReadTransaction("alice", cursor, out _, out _));
        Assert.False(With("", "signing-secret-two").TryReadTransaction("alice", cursor, out _, out _));
    }
}
