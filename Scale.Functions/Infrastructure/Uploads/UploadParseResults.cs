using System.Text.Json;
using Scale.Domain.Ingestion.Parsing;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Infrastructure.Uploads;

/// <summary>
/// What an upload's parse found besides its rows, as stored in uploaded_files (JSON in the API's snake_case):
/// the skipped rows with their reasons and the balance/footer check. Read back by GET /ingestion/uploads.
/// </summary>
public sealed record UploadParseResults(int SkippedRowCount, string SkippedRows, string? BalanceCheck)
{
    /// <summary>Taken from a reader whose rows have all been read.</summary>
    public static UploadParseResults From(StatementReader reader) => new(
        reader.SkippedRowCount,
        JsonSerializer.Serialize(reader.SkippedRows, ScaleJson.Options),
        reader.BalanceCheck is { } check ? JsonSerializer.Serialize(check, ScaleJson.Options) : null);

    public static IReadOnlyList<SkippedRow>? ReadSkippedRows(UploadRecord upload) =>
        upload.SkippedRows is { } json ? JsonSerializer.Deserialize<List<SkippedRow>>(json, ScaleJson.Options) : null;

    /// <summary>Duplicates an upload lists: the first 100, like skipped rows (a listing page stays small).</summary>
    public const int MaxDuplicatesListed = 100;

    public static string DuplicatesJson(IEnumerable<Transactions.DuplicateRow> duplicates) => JsonSerializer.Serialize(
        duplicates.Take(MaxDuplicatesListed).Select(d => new UploadDuplicate(d.Index, d.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ScaleJson.Options);

    public static IReadOnlyList<UploadDuplicate>? ReadDuplicates(UploadRecord upload) =>
        upload.Duplicates is { } json ? JsonSerializer.Deserialize<List<UploadDuplicate>>(json, ScaleJson.Options) : null;

    public static BalanceCheck? ReadBalanceCheck(UploadRecord upload) =>
        upload.BalanceCheck is { } json ? JsonSerializer.Deserialize<BalanceCheck>(json, ScaleJson.Options) : null;
}

/// <summary>A statement line that was already stored, and the id of the transaction it matched.</summary>
public sealed record UploadDuplicate(int LineNumber, string TransactionId);
