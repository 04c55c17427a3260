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

    public static BalanceCheck? ReadBalanceCheck(UploadRecord upload) =>
        upload.BalanceCheck is { } json ? JsonSerializer.Deserialize<BalanceCheck>(json, ScaleJson.Options) : null;
}
