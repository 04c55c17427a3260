namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// The statement layouts we know, most specific first; <see cref="Generic"/> is the fallback. Header spellings
/// follow the banks' net-banking CSV/XLS exports (normalized: lower case, letters and digits only). Reference
/// columns are optional: some exports drop them, and the remaining columns still identify the bank.
/// </summary>
internal static class BankLayouts
{
    private static ColumnRule Date(params string[] a) => new(ColumnRole.Date, "date", a);
    private static ColumnRule Text(params string[] a) => new(ColumnRole.Description, "description", a);
    private static ColumnRule Ref(params string[] a) => new(ColumnRole.Reference, "reference", a);
    private static ColumnRule Debit(params string[] a) => new(ColumnRole.Debit, "debit", a);
    private static ColumnRule Credit(params string[] a) => new(ColumnRole.Credit, "credit", a);
    private static ColumnRule Amount(params string[] a) => new(ColumnRole.Amount, "amount", a);
    private static ColumnRule DrCr(string label, params string[] a) => new(ColumnRole.DrCr, label, a);
    private static ColumnRule Balance(string label, params string[] a) => new(ColumnRole.Balance, label, a);

    /// <summary>Columns that must exist for the layout to be recognized but that we do not map.</summary>
    private static ColumnRule Signature(string label, string alias) => new(ColumnRole.Identifying, label, alias);

    // HDFC: Date | Narration | Chq./Ref.No. | Value Dt | Withdrawal Amt. | Deposit Amt. | Closing Balance
    public static readonly BankLayout Hdfc = new("HDFC",
        [Date("date"), Text("narration"), Debit("withdrawalamt"), Credit("depositamt"),
         Signature("Value Dt", "valuedt"), Balance("Closing Balance", "closingbalance")], [Ref("chqrefno")]);

    // HDFC's "Delimited" download: Date | Narration | Value Dat | Debit Amount | Credit Amount | Chq/Ref Number |
    // Closing Balance, with space-padded cells. Re-saved from Excel, people shorten headers to "dr", "cr", "bal";
    // "Value Dat" (HDFC's own truncation) still identifies the file.
    public static readonly BankLayout HdfcDelimited = new("HDFC",
        [Date("date"), Text("narration"), Debit("debitamount", "dr", "debit"), Credit("creditamount", "cr", "credit"),
         Signature("Value Dat", "valuedat"), Balance("Closing Balance", "closingbalance", "bal", "balance")],
        [Ref("chqrefnumber", "chqrefno", "refno")]);

    // HDFC credit card CSV (tilde-separated): Transaction type ~ Primary / Addon Customer Name ~ DATE ~ Description ~
    // AMT ~ Debit / Credit ("Cr" on payments and refunds, blank on purchases).
    public static readonly BankLayout HdfcCard = new("HDFC",
        [Signature("Transaction type", "transactiontype"), Date("date"), Text("description"), Amount("amt", "amount"),
         DrCr("Debit / Credit", "debitcredit")], []) { IsCard = true };

    // ICICI: S No. | Value Date | Transaction Date | Cheque Number | Transaction Remarks |
    //        Withdrawal Amount (INR ) | Deposit Amount (INR ) | Balance (INR )
    public static readonly BankLayout Icici = new("ICICI",
        [Date("transactiondate", "valuedate"), Text("transactionremarks"),
         Debit("withdrawalamountinr", "withdrawalamount"), Credit("depositamountinr", "depositamount")],
        [Ref("chequenumber", "chequeno"), Balance("Balance", "balanceinr", "balance")]);

    // ICICI credit card CSV: Date | Sr.No. | Transaction Details | Reward Point Header | Intl.Amount | Amount(in Rs) |
    // BillingAmountSign ("CR" on payments and refunds, blank on purchases).
    public static readonly BankLayout IciciCard = new("ICICI",
        [Date("date", "transactiondate"), Text("transactiondetails"), Amount("amount", "amountinrs"),
         DrCr("BillingAmountSign", "billingamountsign")],
        [Ref("referencenumber", "srno")]) { IsCard = true };

    // SBI: Txn Date | Value Date | Description | Ref No./Cheque No. | Debit | Credit | Balance
    public static readonly BankLayout Sbi = new("SBI",
        [Date("txndate"), Text("description"), Debit("debit"), Credit("credit"), Balance("Balance", "balance")],
        [Ref("refnochequeno", "chequeno")]);

    // SBI Card: Date | Transaction Details | Amount (₹) with "D"/"C" after the amount. The header alone is too
    // common to name the issuer, so the preamble must say "SBI Card".
    public static readonly BankLayout SbiCard = new("SBI",
        [Date("date", "transactiondate"), Text("transactiondetails"), Amount("amount")],
        [DrCr("type", "type", "drcr", "debitcredit")]) { IsCard = true, PreambleMarkers = ["sbicard"] };

    // Axis: Tran Date | CHQNO | PARTICULARS | DR | CR | BAL | SOL
    public static readonly BankLayout Axis = new("AXIS",
        [Date("trandate"), Text("particulars"), Debit("dr"), Credit("cr"), Balance("BAL", "bal"), Signature("SOL", "sol")],
        [Ref("chqno")]);

    // Axis corporate CSV: S.No | Transaction Date (dd/mm/yyyy) | Value Date (dd/mm/yyyy) | Particulars | Amount(INR) |
    // Debit/Credit | Balance(INR) | Cheque Number | Branch Name(SOL); amounts may start with a tab and overdrawn
    // balances read "-,93,43,827.31"; an "OPENING BALANCE" row without a date opens the table and
    // "TRANSACTION TOTAL DR/CR" holds both totals in one cell.
    public static readonly BankLayout AxisCorporate = new("AXIS",
        [Signature("S.No", "sno"), Date("transactiondate"), Text("particulars"), Amount("amount"),
         DrCr("Debit/Credit", "debitcredit", "drcr"), Balance("Balance", "balance"), Signature("Branch Name", "branchname")],
        [Ref("chequenumber", "chequeno")]);

    // Axis credit card CSV: Date ("14 Sep '22") | Transaction Details | Merchant Category | Amount in INR, with no
    // debit/credit column: purchases are plain amounts, payments and refunds are told by their narration.
    public static readonly BankLayout AxisCard = new("AXIS",
        [Date("date", "transactiondate"), Text("transactiondetails"), Amount("amountininr")],
        [DrCr("Debit/Credit", "debitcredit", "drcr")]) { IsCard = true };

    // Axis credit card export with a direction column: Date | Transaction Details | | Amount (INR) | Debit/Credit.
    public static readonly BankLayout AxisCardMarked = new("AXIS",
        [Date("date", "transactiondate"), Text("transactiondetails"), Amount("amount"), DrCr("Debit/Credit", "debitcredit")],
        []) { IsCard = true, PreambleMarkers = ["axis"] };

    // Kotak: Sl. No. | Transaction Date | Value Date | Description | Chq / Ref No. | Amount | Dr / Cr | Balance | Dr / Cr
    // One amount column; the first "Dr / Cr" (right after Amount) gives the direction, the second the balance's.
    public static readonly BankLayout Kotak = new("KOTAK",
        [Signature("Sl. No.", "slno"), Date("transactiondate", "date"), Text("description", "narration"),
         new(ColumnRole.Amount, "amount", "amount"), new(ColumnRole.DrCr, "Dr / Cr", "drcr")],
        [Ref("chqrefno", "chequerefno"), Balance("Balance", "balance")]);

    /// <summary>
    /// Any CSV with recognizable headers. Amount comes from debit+credit columns, or one amount column with an
    /// optional type column; the explicit merchant/category/payment-method columns are taken as given.
    /// </summary>
    public static readonly BankLayout Generic = new("GENERIC",
        [Date("date", "txndate", "transactiondate", "trandate", "transdate", "postingdate", "posteddate",
              "bookingdate", "valuedate", "valuedt"),
         Text("description", "narration", "particulars", "remarks", "details", "transactionremarks",
              "transactiondetails", "transactiondescription", "transactionparticulars", "memo")],
        [Ref("reference", "ref", "refno", "referenceno", "referencenumber", "chqrefno", "chqrefnumber", "chequerefno", "chequeno",
             "chequenumber", "chqno", "refnochequeno", "utr", "utrno", "transactionid", "txnid"),
         Debit("debit", "withdrawal", "withdrawals", "debitamount", "debitamt", "withdrawalamt", "withdrawalamount",
               "withdrawalamountinr", "debitinr", "dr", "debits", "moneyout", "paidout", "withdrawaldr"),
         Credit("credit", "deposit", "deposits", "creditamount", "creditamt", "depositamt", "depositamount",
                "depositamountinr", "creditinr", "cr", "credits", "moneyin", "paidin", "depositcr"),
         new(ColumnRole.Amount, "amount", "amount", "amountinr", "amountrs", "transactionamount", "txnamount", "amt"),
         new(ColumnRole.DrCr, "type", "type", "drcr", "crdr", "debitcredit", "transactiontype", "txntype", "dc"),
         new(ColumnRole.Merchant, "merchant", "merchant", "merchantname", "payee"),
         new(ColumnRole.Category, "category", "category"),
         new(ColumnRole.PaymentMethod, "payment method", "paymentmethod", "paymentmode", "mode"),
         Balance("balance", "balance", "closingbalance", "runningbalance", "availablebalance", "bal")],
        AllowsExplicitEnrichment: true);

    public static readonly IReadOnlyList<BankLayout> All =
        [Hdfc, HdfcDelimited, HdfcCard, Icici, IciciCard, Sbi, SbiCard, AxisCorporate, Axis, AxisCard, AxisCardMarked, Kotak, Generic];

    /// <summary>The layouts a hint names, or null for "ofx" (not tabular). Throws for an unknown hint.</summary>
    public static IReadOnlyList<BankLayout>? FromHint(string hint) => hint.Trim().ToLowerInvariant() switch
    {
        "hdfc" => [Hdfc, HdfcDelimited, HdfcCard],
        "icici" => [Icici, IciciCard],
        "sbi" => [Sbi, SbiCard],
        "axis" => [Axis, AxisCorporate, AxisCard, AxisCardMarked],
        "kotak" => [Kotak],
        "generic" => [Generic],
        "ofx" => null,
        _ => throw new StatementFormatException(StatementError.UnknownLayout,
            $"Unknown bank '{hint}'. Use one of: hdfc, icici, sbi, axis, kotak, generic, ofx."),
    };
}
