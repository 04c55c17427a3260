using System.Globalization;
using System.Text.Json.Nodes;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// OFX/QFX, both SGML (v1) and XML (v2), read from the tags of <see cref="OfxTagScanner"/>: every STMTTRN (bank,
/// card, and the cash leg of an investment statement, INVBANKTRAN) is a row. What is not a row is never silent: an
/// error STATUS or failed sign-on fails the file naming the institution's code and message, and investment
/// transactions (BUYMF, TRANSFER, ...) are named in a warning, or fail the file when nothing else is in it.
/// Each statement's own account (BANKACCTFROM, CCACCTFROM or INVACCTFROM: ACCTID, with the bank from BANKID or the
/// sign-on's FI ORG) becomes its rows' masked account label, so OFX rows pair as own-account transfers like any
/// other statement's; a transaction's BANKACCTTO (the other side of a transfer) is never taken for it.
/// </summary>
internal sealed class OfxStatementReader(TextReader text, StatementWarnings warnings)
{
    /// <summary>The investment transaction aggregates of INVTRANLIST (OFX 2.x §13.9.2.4); INVBANKTRAN is cash, read as a row.</summary>
    private static readonly HashSet<string> InvestmentTransactions = new(StringComparer.Ordinal)
    {
        "BUYDEBT", "BUYMF", "BUYOPT", "BUYOTHER", "BUYSTOCK", "CLOSUREOPT", "INCOME", "INVEXPENSE", "JRNLFUND", "JRNLSEC",
        "MARGININTEREST", "REINVEST", "RETOFCAP", "SELLDEBT", "SELLMF", "SELLOPT", "SELLOTHER", "SELLSTOCK", "SPLIT", "TRANSFER",
    };

    private const int InvestmentsNamed = 10;

    private readonly OfxTagScanner _scanner = new(text);

    // CURDEF of the statement being read: null before any, empty when the file left it empty.
    private string? _currency;
    private Dictionary<string, string>? _txn;
    private int _txnLine;
    // Inside a transaction's PAYEE, CURRENCY or ORIGCURRENCY aggregate its leaves are kept as "PAYEE.NAME" etc.
    private string _prefix = string.Empty;
    private Dictionary<string, string>? _status;
    private bool _inSignOn;
    // The sign-on STATUS is judged at </SONRS>, once the FI ORG that follows it names the bank.
    private Dictionary<string, string>? _signOnStatus;
    private string? _organization;
    private bool _inInvestments;
    // The leaves of the *ACCTFROM aggregate being read, then the masked label of the statement's account.
    private Dictionary<string, string>? _accountFrom;
    private string? _account;
    private SkippedInvestment? _investment;
    private readonly List<SkippedInvestment> _investments = [];

    private sealed record SkippedInvestment(string Type, int Line)
    {
        public string? FitId { get; set; }
    }

    public IEnumerable<StatementRow> Rows()
    {
        var read = 0;
        string? openTag = null;
        while (_scanner.Next(out var tag, out var valueBefore))
        {
            // The text before this tag belongs to the element opened by the previous tag.
            if (openTag is not null && valueBefore.Length > 0) Assign(openTag, valueBefore);
            openTag = null;
            if (tag.Length == 0 || tag[0] is '?' or '!') continue;
            if (tag[0] == '/')
            {
                if (Close(tag[1..]) is { } row) { read++; yield return row; }
                continue;
            }
            if (Open(tag)) openTag = tag;
        }
        CheckStatus(_signOnStatus, signOn: true);
        if (_txn is not null) warnings.Add($"Line {_txnLine}: the last transaction is not closed; it was not read.");
        ReportInvestments(read);
    }

    /// <summary>Starts an aggregate; returns true for an element whose value follows.</summary>
    private bool Open(string tag)
    {
        switch (tag)
        {
            case "STMTTRN": _txn = new Dictionary<string, string>(StringComparer.Ordinal); _txnLine = _scanner.Line; _prefix = string.Empty; return false;
            case "PAYEE" or "CURRENCY" or "ORIGCURRENCY" when _txn is not null: _prefix = tag + "."; return false;
            case "STATUS": _status = new Dictionary<string, string>(StringComparer.Ordinal); return false;
            case "SONRS": _inSignOn = true; return false;
            case "INVTRANLIST": _inInvestments = true; return false;
            case "CURDEF": _currency = string.Empty; return true;
            case "STMTRS" or "CCSTMTRS" or "INVSTMTRS": _account = null; return false;
            case "BANKACCTFROM" or "CCACCTFROM" or "INVACCTFROM" when _txn is null:
                _accountFrom = new Dictionary<string, string>(StringComparer.Ordinal);
                return false;
        }
        if (_inInvestments && _investment is null && InvestmentTransactions.Contains(tag))
        {
            _investment = new SkippedInvestment(tag, _scanner.Line);
            return false;
        }
        return true;
    }

    private StatementRow? Close(string tag)
    {
        switch (tag)
        {
            case "PAYEE" or "CURRENCY" or "ORIGCURRENCY": _prefix = string.Empty; break;
            case "STATUS":
                if (_inSignOn) _signOnStatus = _status; else CheckStatus(_status, signOn: false);
                _status = null;
                break;
            case "SONRS": CheckStatus(_signOnStatus, signOn: true); _signOnStatus = null; _inSignOn = false; break;
            case "INVTRANLIST": _inInvestments = false; break;
            case "BANKACCTFROM" or "CCACCTFROM" or "INVACCTFROM" when _accountFrom is not null:
                _account = StatementAccountLabel(_accountFrom);
                _accountFrom = null;
                break;
            case "STMTTRN" when _txn is not null:
                var row = Build(_txn, _txnLine);
                _txn = null;
                return row;
        }
        if (_investment?.Type == tag) { _investments.Add(_investment); _investment = null; }
        return null;
    }

    private void Assign(string tag, string value)
    {
        if (_status is not null) { _status[tag] = value; return; }
        if (_accountFrom is not null) { _accountFrom[tag] = value; return; }
        if (tag == "CURDEF") { _currency = CurrencyCode(value, "CURDEF", _scanner.Line); return; }
        if (_inSignOn && tag == "ORG") _organization = value;
        if (_txn is not null) _txn[_prefix + tag] = value;
        else if (_investment is not null && tag == "FITID") _investment.FitId ??= value;
    }

    /// <summary>
    /// OFX STATUS: CODE 0 is success. An ERROR (or a non-zero code without a severity) means the server sent no
    /// statement, whatever else the file holds: a 422 naming the institution's code and message, never 0 rows.
    /// </summary>
    private void CheckStatus(Dictionary<string, string>? status, bool signOn)
    {
        if (status is null) return;
        var code = status.GetValueOrDefault("CODE");
        if (string.IsNullOrEmpty(code) || code == "0") return;
        var severity = status.GetValueOrDefault("SEVERITY")?.ToUpperInvariant();
        var message = status.GetValueOrDefault("MESSAGE");
        var said = message is null ? string.Empty : $": \"{message}\"";
        if (severity is "INFO" or "WARN")
        {
            warnings.Add($"The bank's OFX server reported status {code} ({severity}){said}.");
            return;
        }
        var who = _organization is null ? "The bank" : $"The bank ({_organization})";
        var what = signOn
            ? $"{who} refused the sign-on with OFX status {code}{said}. The file holds no statement"
            : $"{who} answered with OFX status {code}{said} instead of the statement";
        throw new StatementFormatException(StatementError.InstitutionError,
            $"{what}; nothing was imported. Download the statement again from the bank's website.", _scanner.Line)
        {
            InstitutionCode = code,
            InstitutionMessage = message,
        };
    }

    private void ReportInvestments(int rowsRead)
    {
        if (_investments.Count == 0) return;
        var byType = string.Join(", ", _investments.GroupBy(i => i.Type).Select(g => $"{g.Count()} {g.Key}"));
        var named = string.Join("; ", _investments.Take(InvestmentsNamed)
            .Select(i => $"{i.Type} {(i.FitId is null ? "without FITID" : "FITID " + i.FitId)} on line {i.Line}"));
        if (_investments.Count > InvestmentsNamed) named += $"; and {_investments.Count - InvestmentsNamed} more";
        if (rowsRead == 0)
            throw new StatementFormatException(StatementError.InvestmentOnly,
                $"This is an investment statement with {_investments.Count} investment transaction(s) ({byType}: {named}) and no cash " +
                "transactions. SCALE imports bank, card and cash movements only, so nothing was imported.", _investments[0].Line);
        warnings.Add($"{_investments.Count} investment transaction(s) were not imported ({byType}: {named}); " +
                     "only the investment account's cash transactions were read.");
    }

    private StatementRow Build(Dictionary<string, string> txn, int line)
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
        // Trailing zeros (-10.5000) lose nothing and are read.
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
            Amount = decimal.Round(Math.Abs(amount), 2),
            Type = amount < 0 ? TransactionType.Debit : TransactionType.Credit,
            Description = TextRules.ReplaceDisallowedControls(description),
            Reference = fitId is null or "" or "0" or "-" ? null : fitId,
            // Only an explicit PAYEE aggregate names a merchant; NAME is free text the bank wrote.
            Merchant = payee is null ? null : TextRules.ReplaceDisallowedControls(payee),
            Currency = RowCurrency(txn, line),
            Account = _account,
            Raw = raw,
        });
    }

    /// <summary>
    /// A transaction's own CURRENCY aggregate says its amount is in that currency; ORIGCURRENCY only records what it
    /// was converted from (the amount is in CURDEF). A statement without a CURDEF is taken as INR, and says so.
    /// </summary>
    private string RowCurrency(Dictionary<string, string> txn, int line)
    {
        var statement = _currency;
        if (string.IsNullOrEmpty(statement))
        {
            warnings.AddOnce("ofx:no-curdef", "The statement does not say its currency (its CURDEF is missing or empty); its rows are taken as INR.");
            statement = "INR";
        }
        else if (statement != "INR")
            warnings.AddOnce("ofx:curdef:" + statement, $"The statement is in {statement}, not INR; its rows are kept in {statement}.");

        if (!txn.TryGetValue("CURRENCY.CURSYM", out var own)) return statement;
        var currency = CurrencyCode(own, "CURSYM", line);
        if (currency != statement)
            warnings.AddOnce("ofx:cursym:" + currency,
                $"Line {line}: the transaction is in {currency} (its own CURRENCY), not the statement's {statement}; it is kept in {currency}.");
        return currency;
    }

    /// <summary>
    /// "HDFC XX6789" from ACCTID (masked: the full number is never kept) and the bank that BANKID (an IFSC or the
    /// bank's name, as Indian OFX exports fill it) or else the sign-on's FI ORG names; without a bank, "XX6789".
    /// </summary>
    private string? StatementAccountLabel(Dictionary<string, string> from)
    {
        if (!from.TryGetValue("ACCTID", out var number)) return null;
        var bank = BankIdentification.FromInstitutionName(from.GetValueOrDefault("BANKID"))
                   ?? BankIdentification.FromInstitutionName(from.GetValueOrDefault("BROKERID"))
                   ?? BankIdentification.FromInstitutionName(_organization);
        return AccountLabel.FromNumber(bank, number);
    }

    /// <summary>An ISO 4217 code, or the file fails: a currency we cannot name must not become rupees.</summary>
    private static string CurrencyCode(string value, string element, int line)
    {
        var code = value.Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            throw StatementFormatException.Malformed(line, $"{element} '{value}' is not an ISO 4217 currency code (such as INR or USD).");
        return code;
    }
}
