using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Transactions;
using static Scale.Functions.Api.Http.QueryParameters;

namespace Scale.Functions.Api;

/// <summary>
/// GET /transactions: the caller's transactions, newest first, filtered, keyset-paginated; and
/// DELETE /transactions/transfers/{pair_id}: undo an own-account transfer link.
/// </summary>
public sealed class TransactionsApi(TransactionQueries queries, PageCursors cursors, TransferLinks transfers)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const int MaxTextFilterLength = 200;

    public sealed record TransactionResponse(
        string Id, DateOnly Date, decimal Amount, string Type, string Currency, string Description, string? Merchant,
        string? Category, string? PaymentMethod, string? Reference, JsonNode? Raw, Guid ImportId, Guid? UploadId,
        string? Account, TransferLink? Transfer, DateTime CreatedAt, string? CategorySource)
    {
        public static TransactionResponse From(StoredTransaction t) => new(
            t.Id.ToString(CultureInfo.InvariantCulture), t.Date, t.Amount, t.Type, t.Currency, t.Description, t.Merchant,
            t.Category, t.PaymentMethod, t.Reference, t.RawJson is null ? null : JsonNode.Parse(t.RawJson), t.ImportId,
            t.UploadId, t.Account,
            t.Transfer is { } link ? new TransferLink(link.PairId, link.CounterpartId.ToString(CultureInfo.InvariantCulture)) : null,
            DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc), t.CategorySource);
    }

    /// <summary>API.md transfer: the pair this row is one side of and the other side's transaction id.</summary>
    public sealed record TransferLink(Guid PairId, string CounterpartId);

    public sealed record TransactionPage(IReadOnlyList<TransactionResponse> Items, string? NextCursor);

    public async Task<IResult> ListTransactions(HttpRequest request, CancellationToken cancellationToken)
    {
        var userId = request.UserId();
        var query = request.Query;
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var from = ReadDate(query, "from", Error);
        var to = ReadDate(query, "to", Error);
        if (from is not null && to is not null && from > to) Error("to", "Must not be before from.");
        var min = ReadAmount(query, "min_amount", Error);
        var max = ReadAmount(query, "max_amount", Error);
        if (min is not null && max is not null && min > max) Error("max_amount", "Must not be less than min_amount.");

        TransactionType? type = null;
        if (One(query, "type", Error) is { } typeText)
        {
            if (typeText is TransactionTypes.Debit or TransactionTypes.Credit)
                type = typeText == TransactionTypes.Debit ? TransactionType.Debit : TransactionType.Credit;
            else Error("type", "Must be debit or credit.");
        }

        // Known categories match whatever the case; anything else is matched exactly (future user categories).
        var category = Text(query, "category", Error);
        if (category is not null && Taxonomy.TryNormalize(category, out var canonical)) category = canonical;
        var merchant = Text(query, "merchant", Error);
        var q = Text(query, "q", Error);

        var limit = ReadLimit(query, DefaultLimit, MaxLimit, Error);

        (DateOnly, long)? after = null;
        if (One(query, "cursor", Error) is { } cursor)
        {
            if (cursors.TryReadTransaction(userId, cursor, out var date, out var id)) after = (date, id);
            else Error("cursor", "Is not a cursor this API issued to you; start again without it.");
        }

        if (errors.Count > 0) return Problems.Validation(errors);

        var rows = await queries.ListAsync(userId, new TransactionFilter
        {
            From = from, To = to, MinAmount = min, MaxAmount = max, Category = category, Merchant = merchant,
            Type = type, Query = q, After = after, Limit = limit,
        }, cancellationToken);

        string? next = null;
        if (rows.Count > limit)
        {
            var last = rows[limit - 1];
            next = cursors.ForTransaction(userId, last.Date, last.Id);
        }
        return TypedResults.Ok(new TransactionPage(rows.Take(limit).Select(TransactionResponse.From).ToList(), next));
    }

    public async Task<IResult> UnlinkTransfer(HttpRequest request, string pairId, CancellationToken cancellationToken)
    {
        // Not a pair id is a pair this user does not have: the same 404, so ids reveal nothing.
        if (!Guid.TryParse(pairId, out var id) || !await transfers.UnlinkAsync(request.UserId(), id, cancellationToken))
            return Problems.NotFound("No transfer pair with this id.");
        return TypedResults.NoContent();
    }

    private static string? Text(IQueryCollection query, string name, Action<string, string> error)
    {
        var value = One(query, name, error)?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > MaxTextFilterLength || value.Contains('\0', StringComparison.Ordinal))
        {
            error(name, $"Must be at most {MaxTextFilterLength} characters of text.");
            return null;
        }
        return value;
    }

    private static decimal? ReadAmount(IQueryCollection query, string name, Action<string, string> error)
    {
        if (One(query, name, error) is not { } text) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount <= 999_999_999_999.99m)
            return amount;
        error(name, "Must be a non-negative amount such as 1500.50.");
        return null;
    }
}
