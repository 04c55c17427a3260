using System.Text.Json.Nodes;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// Invariants every stored transaction satisfies, whatever path it came from: checked by the import pipeline so a
/// JSON client and a statement parser cannot disagree about what is storable. Zero amounts are not errors (they
/// are skipped and counted by the pipeline).
/// </summary>
public static class DraftRules
{
    /// <summary>numeric(14,2): 12 integer digits.</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;
    public const int MaxAmountIntegerDigits = 12;
    public const int MaxDescriptionLength = 1000;
    public const int MaxMerchantLength = 200;
    public const int MaxCategoryLength = 64;
    public const int MaxPaymentMethodLength = 64;
    public const int MaxReferenceLength = 128;
    /// <summary>
    /// Nesting levels of <see cref="TransactionDraft.Raw"/> (the raw object itself is level 1). The API serves a
    /// stored row inside its page envelope, so the response serializer's depth limit (ScaleJson.MaxDepth) is
    /// this plus the envelope: a row that is accepted can always be listed.
    /// </summary>
    public const int MaxRawDepth = 32;
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2999, 12, 31);

    public static List<string>? Check(TransactionDraft draft)
    {
        List<string>? errors = null;
        void Add(string message) => (errors ??= []).Add(message);

        if (draft.Date < MinDate || draft.Date > MaxDate) Add("date: must be between 1900-01-01 and 2999-12-31.");
        if (draft.Amount < 0) Add("amount: must be greater than 0 (type carries the direction).");
        else if (draft.Amount > MaxAmount) Add("amount: is too large.");
        else if (decimal.Round(draft.Amount, 2) != draft.Amount) Add("amount: must have at most 2 decimals.");
        if (draft.Type is not (TransactionType.Debit or TransactionType.Credit)) Add("type: must be debit or credit.");
        if (draft.Currency is not { Length: 3 } c || !c.All(char.IsAsciiLetterUpper)) Add("currency: must be an ISO 4217 code such as INR.");
        if (string.IsNullOrWhiteSpace(draft.Description)) Add("description: is required.");
        CheckText("description", draft.Description, MaxDescriptionLength, Add);
        CheckText("merchant", draft.Merchant, MaxMerchantLength, Add);
        CheckText("category", draft.Category, MaxCategoryLength, Add);
        CheckText("payment_method", draft.PaymentMethod, MaxPaymentMethodLength, Add);
        CheckText("reference", draft.Reference, MaxReferenceLength, Add);
        CheckText("account", draft.Account, AccountLabel.MaxLength, Add);
        if (draft.Raw is not null && !IsStorable(draft.Raw)) Add("raw: must not contain NUL characters or unpaired surrogates.");
        if (draft.Raw is not null && DepthOf(draft.Raw) > MaxRawDepth) Add($"raw: must not be nested deeper than {MaxRawDepth} levels.");
        if (draft.Raw is not null && !NumbersFitPostgres(draft.Raw))
            Add($"raw: contains a number Postgres cannot store (at most {JsonNumberShape.MaxNumericIntegerDigits} digits before the decimal point and {JsonNumberShape.MaxNumericScale} after it).");
        return errors;
    }

    /// <summary>The errors of one text field: too long, not storable in Postgres, or carrying control characters.</summary>
    internal static void CheckText(string field, string? value, int max, Action<string> add)
    {
        if (value is null) return;
        if (value.Length > max) add($"{field}: must be at most {max} characters.");
        if (!IsStorableText(value)) add($"{field}: must not contain NUL characters or unpaired surrogates.");
        else if (TextRules.ContainsDisallowedControl(value)) add($"{field}: {TextRules.ControlCharacterMessage}");
    }

    /// <summary>
    /// Postgres text and jsonb cannot hold U+0000, and a lone surrogate (legal in a JSON "\ud800" escape) cannot be
    /// encoded as UTF-8: either would fail the whole batch in the database, so the row is rejected here instead.
    /// </summary>
    public static bool IsStorableText(string value)
    {
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(span, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || rune.Value == 0)
                return false;
            span = span[consumed..];
        }
        return true;
    }

    /// <summary>Objects and arrays count one level each; a scalar adds none.</summary>
    public static int DepthOf(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Select(p => DepthOf(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray a => 1 + a.Select(DepthOf).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>raw is stored as jsonb, whose numbers are Postgres numeric: one out-of-range number (1e400000)
    /// would fail the COPY of the whole import, so it rejects its row here instead.</summary>
    private static bool NumbersFitPostgres(JsonNode? node) => node switch
    {
        JsonObject o => o.All(p => NumbersFitPostgres(p.Value)),
        JsonArray a => a.All(NumbersFitPostgres),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            JsonNumberShape.TryRead(v.ToJsonString(), out var shape) && shape.FitsPostgresNumeric,
        _ => true,
    };

    private static bool IsStorable(JsonNode? node) => node switch
    {
        JsonObject o => o.All(p => IsStorableText(p.Key) && IsStorable(p.Value)),
        JsonArray a => a.All(IsStorable),
        JsonValue v => !v.TryGetValue<string>(out var s) || IsStorableText(s),
        _ => true,
    };
}
