using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scale.Domain.Ingestion;
using Scale.Domain.Ingestion.Parsing;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Infrastructure.Uploads;
using static Scale.Functions.Api.IngestionModels;

namespace Scale.Functions.Api;

/// <summary>POST /ingestion/import, POST /ingestion/parse, POST + GET /ingestion/uploads, GET /ingestion/uploads/{id}.</summary>
public sealed class IngestionApi(
    TransactionImporter importer,
    UploadStore uploads,
    IStatementStorage storage,
    PageCursors cursors,
    IdempotentRequests idempotency,
    ILogger<IngestionApi> logger)
{
    public const int MaxImportRows = 5_000;
    /// <summary>/parse returns at most this many rows (and says so in warnings): responses stay bounded.</summary>
    public const int MaxPreviewRows = 5_000;
    private const int DefaultUploadPage = 20;
    private const int MaxUploadPage = 100;

    public Task<IResult> ImportTransactions(HttpRequest request, CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, () => ImportAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> ImportAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsJson(request.ContentType)) return Problems.UnsupportedMediaType("Send the body as application/json.");
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = ScaleJson.MaxDepth }, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.MalformedJson($"The body is not valid JSON{JsonBody.Position(ex)}: {JsonBody.Reason(ex)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("transactions", out var rows) || rows.ValueKind != JsonValueKind.Array)
                return Problems.Validation("transactions", "The body must be an object with a 'transactions' array.");

            var source = "api";
            if (root.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind != JsonValueKind.Null)
            {
                if (!TransactionInReader.TryGetString(sourceElement, out var sourceText) || sourceText.Trim() is not { Length: >= 1 and <= 64 } s || !DraftRules.IsStorableText(s))
                    return Problems.Validation("source", "Must be a string of 1 to 64 characters.");
                source = s;
            }

            if (!TryReadStatementPart(root, out var statement, out var statementProblem)) return statementProblem!;

            var count = rows.GetArrayLength();
            if (count > MaxImportRows)
                return new ProblemResult(StatusCodes.Status413PayloadTooLarge, "too_many_rows", "Too many rows in one import.",
                    $"The import has {count} rows; send at most {MaxImportRows} per request.");

            var candidates = rows.EnumerateArray().Select((row, index) => TransactionInReader.Read(index, row));
            try
            {
                var result = await importer.ImportAsync(new ImportContext(request.UserId(), source, Statement: statement), candidates, cancellationToken);
                return TypedResults.Ok(ImportResponse.From(result));
            }
            catch (StatementPartConflictException ex)
            {
                return Problems.Conflict(ex.Code, ex.Message);
            }
        }
    }

    /// <summary>
    /// Optional <c>statement_key</c> (1 to 128 characters) and <c>statement_offset</c> (the position of
    /// transactions[0] in that statement, default 0): the request is one part of a statement sent in several.
    /// </summary>
    private static bool TryReadStatementPart(JsonElement root, out StatementPart? part, out IResult? problem)
    {
        part = null;
        problem = null;
        var hasKey = root.TryGetProperty("statement_key", out var keyElement) && keyElement.ValueKind != JsonValueKind.Null;
        var hasOffset = root.TryGetProperty("statement_offset", out var offsetElement) && offsetElement.ValueKind != JsonValueKind.Null;
        if (!hasKey)
        {
            if (hasOffset) problem = Problems.Validation("statement_offset", "Only allowed together with statement_key.");
            return problem is null;
        }
        if (!TransactionInReader.TryGetString(keyElement, out var keyText) || keyText.Trim() is not { Length: >= 1 and <= StatementPart.MaxKeyLength } key
            || !DraftRules.IsStorableText(key) || key.Any(char.IsControl))
        {
            problem = Problems.Validation("statement_key", $"Must be a string of 1 to {StatementPart.MaxKeyLength} characters without control characters.");
            return false;
        }
        var offset = 0;
        if (hasOffset && (offsetElement.ValueKind != JsonValueKind.Number || !offsetElement.TryGetInt32(out offset) || offset is < 0 or > MaxStatementOffset))
        {
            problem = Problems.Validation("statement_offset", $"Must be a whole number from 0 to {MaxStatementOffset}.");
            return false;
        }
        part = new StatementPart(key, offset);
        return true;
    }

    /// <summary>Positions stay within int with a full request after the last one.</summary>
    private const int MaxStatementOffset = int.MaxValue - MaxImportRows;

    public async Task<IResult> ParseStatement(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, problem) = await StatementForms.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        try
        {
            await using var content = form!.File.OpenReadStream();
            using var reader = GuardedStatements.Open(content, form.FileName, new StatementParseOptions(form.Password, form.BankHint), LogUnexpected);
            var rows = new List<TransactionIn>();
            var rejected = new List<RejectedRow>();
            var truncated = false;
            // Every row is read (the balance check needs them all); only the first MaxPreviewRows are returned.
            foreach (var row in GuardedStatements.Rows(reader, LogUnexpected))
            {
                // The rules an upload of this file would apply (TransactionImporter), so the preview never shows
                // as importable a row the import would reject; listed by line number as uploads report them.
                if (DraftRules.Check(row.Draft) is { Count: > 0 } errors)
                {
                    if (rejected.Count < TransactionImporter.MaxRejectedListed) rejected.Add(new RejectedRow(row.LineNumber, errors));
                    continue;
                }
                if (rows.Count == MaxPreviewRows) { truncated = true; continue; }
                rows.Add(TransactionIn.From(row.Draft));
            }
            var warnings = reader.Warnings.ToList();
            if (truncated)
                warnings.Add($"Only the first {MaxPreviewRows} rows are shown; upload the file to import all of it.");
            return TypedResults.Ok(new ParseResponse(reader.Bank, reader.Format, rows, warnings)
            {
                BalanceCheck = reader.BalanceCheck,
                SkippedRows = reader.SkippedRows,
                SkippedRowCount = reader.SkippedRowCount,
                Rejected = rejected,
            });
        }
        catch (StatementFormatException ex)
        {
            return StatementForms.ToProblem(ex);
        }
    }

    public Task<IResult> CreateUpload(HttpRequest request, CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, () => CreateUploadAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> CreateUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, problem) = await StatementForms.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        var userId = request.UserId();
        var storedName = form!.FileName;
        Stream content;
        try
        {
            // Read the whole file now: a file we cannot import is a 4xx to the person uploading it, not a
            // "failed" status they have to poll for. The blob processor reads it again (dropped blobs have no API).
            await using (var validation = form.File.OpenReadStream())
            using (var reader = GuardedStatements.Open(validation, storedName, new StatementParseOptions(form.Password, form.BankHint), LogUnexpected))
                foreach (var _ in GuardedStatements.Rows(reader, LogUnexpected)) { }

            if (form.Password is { } password)
            {
                // The password is used here, once: what is stored is the decrypted CSV, never the password.
                await using var encrypted = form.File.OpenReadStream();
                content = new MemoryStream(GuardedStatements.DecryptToCsv(encrypted, storedName, password, LogUnexpected), writable: false);
                storedName = Path.ChangeExtension(storedName, ".csv");
            }
            else content = form.File.OpenReadStream();
        }
        catch (StatementFormatException ex)
        {
            return StatementForms.ToProblem(ex);
        }

        await using (content)
        {
            var uploadId = Guid.CreateVersion7();
            var blobName = $"{userId}/{uploadId}/{storedName}";
            // Row first, then the blob: the processor must never see the blob without its row (it would take it
            // for a dropped file and create a second upload).
            await uploads.CreateAsync(uploadId, userId, form.FileName, blobName, cancellationToken, form.BankHint);
            try
            {
                await storage.UploadAsync(blobName, content, form.Password is null ? ContentTypeOf(form) : "text/csv", cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing orphaned: the row goes with the blob. The error boundary answers (503 when storage is
                // down or saturated, 500 for anything else) and logs the outage once per incident.
                logger.LogInformation("Storing upload {UploadId} failed ({Error}); its row was removed", uploadId, ex.GetType().Name);
                await uploads.DeleteAsync(uploadId, CancellationToken.None);
                throw;
            }
            logger.LogInformation("Upload {UploadId} stored for {UserId} ({Bytes} bytes)", uploadId, userId, content.Length);
            return TypedResults.Accepted($"{ApiRoutes.Prefix}/ingestion/uploads/{uploadId}", new UploadAccepted(uploadId, UploadStatuses.Pending));
        }
    }

    public async Task<IResult> ListUploads(HttpRequest request, CancellationToken cancellationToken)
    {
        var userId = request.UserId();
        var limit = DefaultUploadPage;
        if (request.Query.TryGetValue("limit", out var limitText) &&
            (limitText.Count != 1 || !int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxUploadPage))
            return Problems.Validation("limit", $"Must be a whole number from 1 to {MaxUploadPage}.");

        (DateTime, Guid)? after = null;
        if (request.Query.TryGetValue("cursor", out var cursorText))
        {
            if (cursorText.Count != 1 || !cursors.TryReadUpload(userId, cursorText[0]!, out var createdAt, out var id))
                return Problems.Validation("cursor", "Is not a cursor this API issued to you; start again without it.");
            after = (createdAt, id);
        }

        var rows = await uploads.ListAsync(userId, after, limit + 1, cancellationToken);
        var next = rows.Count > limit ? cursors.ForUpload(userId, rows[limit - 1].CreatedAt, rows[limit - 1].UploadId) : null;
        return TypedResults.Ok(new UploadPage(rows.Take(limit).Select(UploadResponse.From).ToList(), next));
    }

    public async Task<IResult> GetUpload(HttpRequest request, string uploadId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(uploadId, out var id))
            return Problems.Validation("upload_id", "Must be an upload id (a UUID).");
        var upload = await uploads.GetAsync(request.UserId(), id, cancellationToken);
        // Another user's upload is indistinguishable from a missing one.
        return upload is null ? Problems.NotFound("No upload with this id.") : TypedResults.Ok(UploadResponse.From(upload));
    }

    private static string ContentTypeOf(StatementForm form) =>
        string.IsNullOrWhiteSpace(form.File.ContentType) ? "application/octet-stream" : form.File.ContentType;

    private void LogUnexpected(Exception ex) => logger.LogWarning(ex, "The statement parser failed on a file; answered as unreadable");
}
