using System.Text.Json.Nodes;
using Scale.Domain.Ingestion;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Infrastructure.Uploads;

namespace Scale.Functions.Api;

/// <summary>Response bodies of the /ingestion routes (API.md, snake_case on the wire).</summary>
public static class IngestionModels
{
    public sealed record ImportResponse(Guid ImportId, int Inserted, int SkippedDuplicates, int SkippedZeroAmount,
        IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<DuplicateOut> Duplicates)
    {
        public static ImportResponse From(ImportResult r) => new(r.ImportId, r.Inserted, r.SkippedDuplicates, r.SkippedZeroAmount, r.Rejected,
            [.. r.Duplicates.Select(d => new DuplicateOut(d.Index, d.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
    }

    /// <summary>A row that was already stored: its index in the request and the id of the transaction it matched.</summary>
    public sealed record DuplicateOut(int Index, string TransactionId);

    /// <summary>API.md TransactionIn: what /parse returns is exactly what /import accepts.</summary>
    public sealed record TransactionIn(DateOnly Date, decimal Amount, string Type, string Description, string? Merchant,
        string? Category, string? PaymentMethod, string? Reference, string? Account, string Currency, JsonObject? Raw)
    {
        public static TransactionIn From(TransactionDraft d) => new(d.Date, d.Amount, d.Type.ToWire(), d.Description,
            d.Merchant, d.Category, d.PaymentMethod, d.Reference, d.Account, d.Currency, d.Raw);
    }

    public sealed record ParseResponse(string Bank, string Format, IReadOnlyList<TransactionIn> Rows, IReadOnlyList<string> Warnings)
    {
        /// <summary>The running-balance and footer proof of the parse (the same check uploads store).</summary>
        public BalanceCheck? BalanceCheck { get; init; }
        public IReadOnlyList<SkippedRow> SkippedRows { get; init; } = [];
        public int SkippedRowCount { get; init; }
        /// <summary>Rows an import would reject (same rules as /import and uploads), not returned in Rows.</summary>
        public IReadOnlyList<RejectedRow> Rejected { get; init; } = [];
    }

    public sealed record UploadAccepted(Guid UploadId, string Status);

    public sealed record UploadResponse(Guid UploadId, string FileName, string Status, string? Bank, string? Format,
        int? Inserted, int? SkippedDuplicates, int? SkippedZeroAmount, int? Rejected, string? Error, DateTime CreatedAt,
        DateTime? CompletedAt)
    {
        public static UploadResponse From(UploadRecord u) => new(u.UploadId, u.FileName, u.Status, u.Bank, u.Format,
            u.Inserted, u.SkippedDuplicates, u.SkippedZeroAmount, u.Rejected, u.Error,
            DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc),
            u.CompletedAt is { } c ? DateTime.SpecifyKind(c, DateTimeKind.Utc) : null)
        {
            SkippedRows = UploadParseResults.ReadSkippedRows(u),
            SkippedRowCount = u.SkippedRowCount,
            BalanceCheck = UploadParseResults.ReadBalanceCheck(u),
            Duplicates = UploadParseResults.ReadDuplicates(u),
        };

        /// <summary>Rows the parse passed over, with reasons (null until the upload is processed).</summary>
        public IReadOnlyList<SkippedRow>? SkippedRows { get; init; }
        public int? SkippedRowCount { get; init; }
        /// <summary>API.md balance_check: verified / gap / not_available, with the gaps (null until processed).</summary>
        public BalanceCheck? BalanceCheck { get; init; }
        /// <summary>Lines already stored, with the transaction each matched (first 100; null until processed).</summary>
        public IReadOnlyList<UploadDuplicate>? Duplicates { get; init; }
    }

    public sealed record UploadPage(IReadOnlyList<UploadResponse> Items, string? NextCursor);
}
