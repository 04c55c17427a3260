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

    /// <summary>Columns that must exist for the layout to be recognized but that we do not map.</summary>
    private static ColumnRule Signature(string label, string alias) => new(ColumnRole.Identifying, label, alias);

    // HDFC: Date | Narration | Chq./Ref.No. | Value Dt | Withdrawal Amt. | Deposit Amt. | Closing Balance
    public static readonly BankLayout Hdfc = new("HDFC",
        [Date("date"), Text("narration"), Debit("withdrawalamt"), Credit("depositamt"),
         Signature("Value Dt", "valuedt"), Signature("Closing Balance", "closingbalance")], [Ref("chqrefno")]);

    // HDFC's "Delimited" download: Date | Narration | Value Dat | Debit Amount | Credit Amount | Chq/Ref Number |
    // Closing Balance, with space-padded cells.
    public static readonly BankLayout HdfcDelimited = new("HDFC",
        [Date("date"), Text("narration"), Debit("debitamount"), Credit("creditamount"),
         Signature("Value Dat", "valuedat"), Signature("Closing Balance", "closingbalance")], [Ref("chqrefnumber")]);

    // ICICI: S No. | Value Date | Transaction Date | Cheque Number | Transaction Remarks |
    //        Withdrawal Amount (INR ) | Deposit Amount (INR ) | Balance (INR )
    public static readonly BankLayout Icici = new("ICICI",
        [Date("transactiondate", "valuedate"), Text("transactionremarks"),
         Debit("withdrawalamountinr", "withdrawalamount"), Credit("depositamountinr", "depositamount")],
        [Ref("chequenumber", "chequeno")]);

    // SBI: Txn Date | Value Date | Description | Ref No./Cheque No. | Debit | Credit | Balance
    public static readonly BankLayout Sbi = new("SBI",
        [Date("txndate"), Text("description"), Debit("debit"), Credit("credit"), Signature("Balance", "balance")],
        [Ref("refnochequeno", "chequeno")]);

    // Axis: Tran Date | CHQNO | PARTICULARS | DR | CR | BAL | SOL
    public static readonly BankLayout Axis = new("AXIS",
        [Date("trandate"), Text("particulars"), Debit("dr"), Credit("cr"), Signature("BAL", "bal"), Signature("SOL", "sol")],
        [Ref("chqno")]);

    // Kotak: Sl. No. | Transaction Date | Value Date | Description | Chq / Ref No. | Amount | Dr / Cr | Balance | Dr / Cr
    // One amount column; the first "Dr / Cr" (right after Amount) gives the direction, the second the balance's.
    public static readonly BankLayout Kotak = new("KOTAK",
        [Signature("Sl. No.", "slno"), Date("transactiondate", "date"), Text("description", "narration"),
         new(ColumnRole.Amount, "amount", "amount"), new(ColumnRole.DrCr, "Dr / Cr", "drcr")],
        [Ref("chqrefno", "chequerefno")]);

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
         new(ColumnRole.PaymentMethod, "payment method", "paymentmethod", "paymentmode", "mode")],
        AllowsExplicitEnrichment: true);

    public static readonly IReadOnlyList<BankLayout> All = [Hdfc, HdfcDelimited, Icici, Sbi, Axis, Kotak, Generic];

    /// <summary>The layouts a hint names, or null for "ofx" (not tabular). Throws for an unknown hint.</summary>
    public static IReadOnlyList<BankLayout>? FromHint(string hint) => hint.Trim().ToLowerInvariant() switch
    {
        "hdfc" => [Hdfc, HdfcDelimited],
        "icici" => [Icici],
        "sbi" => [Sbi],
        "axis" => [Axis],
        "kotak" => [Kotak],
        "generic" => [Generic],
        "ofx" => null,
        _ => throw new StatementFormatException(StatementError.UnknownLayout,
            $"Unknown bank '{hint}'. Use one of: hdfc, icici, sbi, axis, kotak, generic, ofx."),
    };
}
