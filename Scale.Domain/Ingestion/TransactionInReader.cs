using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// Reads one API.md TransactionIn object ({date, amount, type, description, merchant?, category?, payment_method?,
/// reference?, account?, currency?, raw?}) from a JsonElement, collecting every problem of the row instead of throwing, so a
/// wrong type in one row rejects that row only and never the whole request.
/// </summary>
public static class TransactionInReader
{
    public static ImportCandidate Read(int index, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object) return ImportCandidate.Invalid(index, ["row: must be a JSON object."]);
        var errors = new List<string>();

        DateOnly date = default;
        if (!row.TryGetProperty("date", out var dateElement) || dateElement.ValueKind == JsonValueKind.Null) errors.Add("date: is required.");
        else if (!TryGetString(dateElement, out var dateText) ||
                 !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add("date: must be a date as YYYY-MM-DD.");

        decimal amount = 0;
        if (!row.TryGetProperty("amount", out var amountElement) || amountElement.ValueKind == JsonValueKind.Null) errors.Add("amount: is required.");
        else if (amountElement.ValueKind != JsonValueKind.Number || !JsonNumberShape.TryRead(amountElement.GetRawText(), out var shape))
            errors.Add("amount: must be a JSON number.");
        // Judged on the text, not on a decimal: conversion would round digits beyond the 28th away unseen.
        else if (shape.FractionDigits > 2) errors.Add("amount: must have at most 2 decimals.");
        else if (shape.IntegerDigits > DraftRules.MaxAmountIntegerDigits || !amountElement.TryGetDecimal(out amount)) errors.Add("amount: is too large.");

        var type = TransactionType.Debit;
        if (!row.TryGetProperty("type", out var typeElement) || typeElement.ValueKind == JsonValueKind.Null) errors.Add("type: is required.");
        else if (!TryGetString(typeElement, out var typeText) || !IsExactType(typeText, out type))
            errors.Add("type: must be \"debit\" or \"credit\".");

        var description = OptionalString(row, "description", errors);
        if (description is null && !errors.Any(e => e.StartsWith("description", StringComparison.Ordinal))) errors.Add("description: is required.");
        var merchant = OptionalString(row, "merchant", errors);
        var paymentMethod = OptionalString(row, "payment_method", errors);
        var reference = OptionalString(row, "reference", errors);
        var account = AccountLabel.Normalize(OptionalString(row, "account", errors));

        // A category we cannot map is not an error: the classifier decides, and raw keeps what the client sent.
        // The text the client sent is held to the character rules of every other text field, whether it maps
        // ("Rent\0" is not "Rent") or is kept in raw; its length is not bounded (an unknown label goes to raw).
        var suppliedCategory = OptionalString(row, "category", errors);
        DraftRules.CheckText("category", suppliedCategory, int.MaxValue, errors.Add);
        var category = CategoryNormalizer.Normalize(suppliedCategory);

        var currency = OptionalString(row, "currency", errors)?.ToUpperInvariant() ?? "INR";

        JsonObject? raw = null;
        if (row.TryGetProperty("raw", out var rawElement) && rawElement.ValueKind != JsonValueKind.Null)
        {
            if (rawElement.ValueKind != JsonValueKind.Object) errors.Add("raw: must be a JSON object.");
            else if (!HasReadableText(rawElement)) errors.Add("raw: contains text that is not valid Unicode.");
            else raw = JsonNode.Parse(rawElement.GetRawText())!.AsObject();
        }

        if (errors.Count > 0) return ImportCandidate.Invalid(index, errors);
        if (suppliedCategory is not null && category is null) raw = WithSuppliedCategory(raw, suppliedCategory);
        return ImportCandidate.Valid(index, new TransactionDraft
        {
            Date = date,
            Amount = amount,
            Type = type,
            Description = description!,
            Merchant = merchant,
            Category = category,
            PaymentMethod = paymentMethod,
            Reference = reference,
            Account = account,
            Currency = currency,
            Raw = raw,
        });
    }

    /// <summary>Exactly "debit" or "credit": the contract's spelling, no case folding for clients.</summary>
    private static bool IsExactType(string? value, out TransactionType type)
    {
        type = value == TransactionTypes.Credit ? TransactionType.Credit : TransactionType.Debit;
        return value is TransactionTypes.Debit or TransactionTypes.Credit;
    }

    /// <summary>A trimmed string, null when absent/null/blank; a non-string is an error for that field.</summary>
    private static string? OptionalString(JsonElement row, string name, List<string> errors)
    {
        if (!row.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name}: must be a string.");
            return null;
        }
        if (!TryGetString(element, out var text))
        {
            errors.Add($"{name}: is not valid Unicode text.");
            return null;
        }
        var value = text.Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// A JSON string's value. A "\ud800" escape (lone surrogate) is valid JSON but not text: GetString throws for
    /// it, which must reject the row, not fail the request.
    /// </summary>
    public static bool TryGetString(JsonElement element, out string value)
    {
        value = string.Empty;
        if (element.ValueKind != JsonValueKind.String) return false;
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool HasReadableText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(element, out var s) && DraftRules.IsStorableText(s);
            case JsonValueKind.Array:
                return element.EnumerateArray().All(HasReadableText);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; }
                    catch (InvalidOperationException) { return false; }
                    if (!DraftRules.IsStorableText(name) || !HasReadableText(property.Value)) return false;
                }
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// Keeps an unmapped category in raw under "category" (the name a statement's own column has), unless the
    /// client's raw object already has that key: raw is the client's, and its own values win.
    /// </summary>
    private static JsonObject WithSuppliedCategory(JsonObject? raw, string supplied)
    {
        raw ??= new JsonObject();
        raw.TryAdd("category", supplied);
        return raw;
    }
}
