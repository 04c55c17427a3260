using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Training;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Api;

/// <summary>
/// POST /training/upload's import: the labelled file goes through the statement parser and the canonical importer
/// (source "training"), and each labelled row becomes a training example keyed by its transaction fingerprint, in
/// the import's own database transaction. Categories are checked before anything is written: a file with an
/// unknown category is a 422 naming the lines, and nothing of it is stored.
/// </summary>
public sealed class TrainingUploads(TransactionImporter importer, ILogger<TrainingUploads> logger)
{
    public const int MaxRows = 100_000;
    private const int MaxLinesListed = 20;

    public async Task<(ImportResult? Result, ProblemResult? Problem)> ImportAsync(string userId, StatementForm form, CancellationToken cancellationToken)
    {
        List<StatementRow> rows;
        try
        {
            await using var content = form.File.OpenReadStream();
            using var reader = GuardedStatements.Open(content, form.FileName, new StatementParseOptions(form.Password, form.BankHint), LogUnexpected);
            rows = GuardedStatements.Rows(reader, LogUnexpected).Take(MaxRows + 1).ToList();
        }
        catch (StatementFormatException ex)
        {
            return (null, StatementForms.ToProblem(ex));
        }
        if (rows.Count > MaxRows)
            return (null, new ProblemResult(StatusCodes.Status413PayloadTooLarge, "too_many_rows", "Too many rows in one training file.",
                $"A training file may have at most {MaxRows} rows."));

        // The parser maps the Category column to the taxonomy (names, any case, and common aliases) and leaves an
        // unknown label null, its text kept in the row's raw columns: for a training file that is a mistake to name.
        var unknown = new List<string>();
        var labelledRows = 0;
        foreach (var row in rows)
        {
            if (row.Draft.Category is not null) { labelledRows++; continue; }
            if (RawCategory(row.Draft) is { } label && unknown.Count < MaxLinesListed) unknown.Add($"line {row.LineNumber}: '{label}'");
        }
        if (unknown.Count > 0)
            return (null, Problems.Unprocessable("unknown_category",
                "These rows name a category that is not in the taxonomy (GET /categorization/categories): " + string.Join("; ", unknown) + ".",
                new Dictionary<string, object?> { ["lines"] = unknown }));
        if (labelledRows == 0)
            return (null, Problems.Unprocessable("no_labels",
                "The file has no labelled rows: a training file needs a 'category' column with a category for each row."));

        var examples = LabelledExamples(rows);
        var candidates = rows.Select(row => ImportCandidate.Valid(row.LineNumber, row.Draft));
        var result = await importer.ImportAsync(new ImportContext(userId, "training"), candidates, cancellationToken,
            async (_, connection, transaction, ct) => await TrainingExampleStore.AddUploadedAsync(connection, transaction, userId, examples, ct));
        logger.LogInformation("Training upload for {UserId}: {Rows} rows, {Labelled} labelled, {Inserted} new transactions",
            userId, rows.Count, examples.Count, result.Inserted);
        return (result, null);
    }

    /// <summary>
    /// The labelled rows with the fingerprints the importer gives them: it fingerprints valid, non-zero rows in
    /// file order (identical rows get occurrence indexes), so the same walk yields the same keys.
    /// </summary>
    private static List<UploadedExample> LabelledExamples(IReadOnlyList<StatementRow> rows)
    {
        var fingerprinter = new BatchFingerprinter();
        var examples = new List<UploadedExample>();
        foreach (var row in rows)
        {
            var draft = row.Draft;
            if (DraftRules.Check(draft) is { Count: > 0 } || draft.Amount == 0) continue;
            var fingerprint = fingerprinter.Next(draft);
            if (draft.Category is { } category) examples.Add(new UploadedExample(fingerprint, draft, category));
        }
        return examples;
    }

    /// <summary>The text of the row's Category column as the file had it (null when the column is absent or empty).</summary>
    private static string? RawCategory(TransactionDraft draft) =>
        draft.Raw?.FirstOrDefault(p => p.Key.Trim().Equals("category", StringComparison.OrdinalIgnoreCase)).Value?.ToString() is { } text
        && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private void LogUnexpected(Exception ex) => logger.LogWarning(ex, "The statement parser failed on a training file; answered as unreadable");
}
