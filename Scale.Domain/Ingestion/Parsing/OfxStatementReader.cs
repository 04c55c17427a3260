using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// OFX/QFX, both SGML (v1: leaf elements are not closed) and XML (v2). A small streaming tag scanner rather than
/// an XML parser, because v1 is not XML; it treats the text after an opening tag as that element's value, which
/// is right for both versions. Tags and values are length-bounded so hostile input cannot grow memory.
/// </summary>
internal sealed class OfxStatementReader(TextReader text, StatementWarnings warnings)
{
    private const int MaxTagLength = 128;
    private const int MaxValueLength = 64 * 1024;

    private int _line = 1;

    public IEnumerable<StatementRow> Rows()
    {
        var currency = "INR";
        Dictionary<string, string>? txn = null;
        var txnLine = 0;
        var inPayee = false;
        string? openTag = null;
        while (NextTag(out var tag, out var valueBefore))
        {
            // The text before this tag belongs to the element opened by the previous tag.
            if (openTag is not null && valueBefore.Length > 0)
            {
                if (openTag == "CURDEF") currency = valueBefore.ToUpperInvariant();
                else if (txn is not null) txn[inPayee ? "PAYEE." + openTag : openTag] = valueBefore;
            }
            openTag = null;
            if (tag.Length == 0 || tag[0] is '?' or '!') continue;
            if (tag[0] == '/')
            {
                var closed = tag[1..];
                if (closed == "PAYEE") inPayee = false;
                if (closed == "STMTTRN" && txn is not null) { yield return Build(txn, txnLine, currency); txn = null; }
                continue;
            }
            switch (tag)
            {
                case "STMTTRN": txn = new Dictionary<string, string>(StringComparer.Ordinal); txnLine = _line; break;
                case "PAYEE": inPayee = true; break;
                default: openTag = tag; break;
            }
        }
        if (txn is not null) warnings.Add($"Line {txnLine}: the last transaction is not closed; it was not read.");
    }

    private static StatementRow Build(Dictionary<string, string> txn, int line, string currency)
    {
        if (!txn.TryGetValue("DTPOSTED", out var posted) || !OfxDates.TryParse(posted, out var date))
            throw StatementFormatException.Malformed(line, $"'{txn.GetValueOrDefault("DTPOSTED")}' is not a valid DTPOSTED date.");
        var amountText = txn.GetValueOrDefault("TRNAMT") ?? string.Empty;
        // OFX allows a comma as the decimal separator.
        var normalized = amountText.Contains('.') ? amountText : amountText.Replace(',', '.');
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite
                | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var amount))
            throw StatementFormatException.Malformed(line, $"'{amountText}' is not a valid TRNAMT amount.");
        // As for CSV: money has paise, not fractions of them; a third decimal means the amount is not what we think.
        if (decimal.Round(amount, 2) != amount)
            throw StatementFormatException.Malformed(line, $"'{amountText}' has more than two decimals; TRNAMT must be an amount in rupees and paise.");

        var name = txn.GetValueOrDefault("NAME");
        var payee = txn.GetValueOrDefault("PAYEE.NAME");
        var memo = txn.GetValueOrDefault("MEMO");
        var description = name ?? payee ?? string.Empty;
        if (!string.IsNullOrEmpty(memo) && !string.Equals(memo, description, StringComparison.OrdinalIgnoreCase))
            description = description.Length == 0 ? memo : $"{description} {memo}";
        var fitId = txn.GetValueOrDefault("FITID");

        var raw = new JsonObject();
        foreach (var (key, value) in txn) raw[key] = value;
        return new StatementRow(line, new TransactionDraft
        {
            Date = date,
            Amount = Math.Abs(amount),
            Type = amount < 0 ? TransactionType.Debit : TransactionType.Credit,
            Description = description,
            Reference = fitId is null or "" or "0" or "-" ? null : fitId,
            // Only an explicit PAYEE aggregate names a merchant; NAME is free text the bank wrote.
            Merchant = payee,
            Currency = currency.Length == 3 ? currency : "INR",
            Raw = raw,
        });
    }

    /// <summary>Reads up to and including the next tag; returns the trimmed text before it and the tag's name.</summary>
    private bool NextTag(out string tag, out string valueBefore)
    {
        var value = new StringBuilder();
        int ch;
        while ((ch = text.Read()) != -1 && ch != '<')
        {
            if (ch == '\n') _line++;
            if (value.Length >= MaxValueLength)
                throw StatementFormatException.Malformed(_line, $"an OFX value is longer than {MaxValueLength} characters.");
            value.Append((char)ch);
        }
        // XML OFX escapes &, < and > as entities; SGML files written by banks use them too.
        valueBefore = System.Net.WebUtility.HtmlDecode(value.ToString().Trim());
        if (ch == -1) { tag = string.Empty; return false; }

        var name = new StringBuilder();
        while ((ch = text.Read()) != -1 && ch != '>')
        {
            if (ch == '\n') _line++;
            // Processing instructions and comments carry attributes; keep only their first word.
            if (name.Length >= MaxTagLength)
            {
                if (name[0] is '?' or '!') continue;
                throw StatementFormatException.Malformed(_line, "an OFX tag is too long.");
            }
            name.Append((char)ch);
        }
        var full = name.ToString().Trim();
        var space = full.IndexOfAny([' ', '\t', '\r', '\n']);
        tag = (space < 0 ? full : full[..space]).ToUpperInvariant();
        return true;
    }
}
