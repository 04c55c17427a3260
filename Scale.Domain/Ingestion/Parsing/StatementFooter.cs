namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// What a statement says about itself outside its transaction rows: opening/closing balance, total debits and
/// credits and their counts (HDFC "STATEMENT SUMMARY", Axis "OPENING BALANCE" / "TRANSACTION TOTAL" /
/// "CLOSING BALANCE" rows, SBI "Balance as on"). Any figure may be missing.
/// </summary>
internal sealed class StatementFooter
{
    public decimal? OpeningBalance { get; set; }
    public decimal? ClosingBalance { get; set; }
    public decimal? Debits { get; set; }
    public decimal? Credits { get; set; }
    public int? DebitCount { get; set; }
    public int? CreditCount { get; set; }

    public bool IsEmpty => OpeningBalance is null && ClosingBalance is null && Debits is null && Credits is null
                           && DebitCount is null && CreditCount is null;
}
