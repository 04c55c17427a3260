namespace Scale.Bench.Categorization;

/// <summary>
/// Narration layouts of HDFC, ICICI, SBI, Axis and Kotak per rail. Each rail has training layouts and
/// evaluation-only layouts (<paramref name="heldOut"/> = true): other banks' or older/mobile layouts that the model
/// never sees in training, so evaluation (a) measures robustness to unfamiliar styles rather than recall.
/// </summary>
internal static class NarrationFormats
{
    public static string Upi(Random r, Party p, string remark, bool credit, bool heldOut)
    {
        var n = p.Name;
        var rrn = Noise.Rrn(r);
        var kind = p.IsPerson ? "P2A" : "P2M";
        if (heldOut)
        {
            return r.Next(5) switch
            {
                0 => $"UPI OUT/{rrn}/{p.Vpa}/{n}",
                1 => $"{n} UPI {rrn} {p.Vpa}",
                2 => $"UPI-{n}-{rrn}",
                3 => $"UPI {(credit ? "CR" : "DR")} {rrn} {n} {remark}",
                _ => $"MB UPI/{rrn}/{n}/{remark}",
            };
        }
        return r.Next(8) switch
        {
            >= 5 => RealFormats.Upi(r, p, remark, credit),
            0 => $"UPI-{n}-{p.Vpa}-{Noise.Ifsc(r)}-{rrn}-{remark}",
            1 => $"UPI/{rrn}/{remark}/{p.Vpa}/{Noise.BankName(r)}/ICI{Noise.Digits(r, 9)}",
            2 => $"{(credit ? "BY" : "TO")} TRANSFER-UPI/{(credit ? "CR" : "DR")}/{rrn}/{n}/{Noise.Bank4Code(r)}/{p.Vpa}/{remark}--",
            3 => $"UPI/{kind}/{rrn}/{n}/{remark}/{Noise.BankName(r)}",
            _ => $"UPI/{n}/{rrn}/{remark}",
        };
    }

    public static string Neft(Random r, Party p, string remark, bool credit, bool heldOut)
    {
        var n = p.Name;
        var utr = Noise.Utr(r);
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => $"NEFT-{n}-{utr}",
                1 => $"{n} NEFT {(credit ? "CREDIT" : "DEBIT")} {utr}",
                _ => $"INB NEFT {utr} {n} {remark}",
            };
        }
        return r.Next(6) switch
        {
            5 => RealFormats.Neft(r, p, remark, credit),
            0 => credit ? $"NEFT CR-{Noise.Ifsc(r)}-{n}-{remark}-{utr}" : $"NEFT DR-{Noise.Ifsc(r)}-{n}-NETBANK, MUM-{utr}-{remark}",
            1 => $"NEFT-{utr}-{n}-{remark}-{Noise.Account(r)}-{Noise.Ifsc(r)}",
            2 => $"{(credit ? "BY" : "TO")} TRANSFER-NEFT*{Noise.Ifsc(r)}*{utr}*{n}--",
            3 => $"NEFT/{utr}/{n}/{Noise.BankName(r)}/{remark}",
            _ => $"NEFT {utr} {n}",
        };
    }

    public static string Rtgs(Random r, Party p, string remark, bool credit, bool heldOut) => heldOut
        ? $"RTGS/{Noise.Utr(r)}/{p.Name}"
        : r.Next(2) == 0
            ? $"RTGS {(credit ? "CR" : "DR")}-{Noise.Ifsc(r)}-{p.Name}-{Noise.Utr(r)}"
            : $"RTGS-{Noise.Utr(r)}-{p.Name}-{remark}";

    public static string Imps(Random r, Party p, string remark, bool credit, bool heldOut)
    {
        var n = p.Name;
        var rrn = Noise.Rrn(r);
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => credit ? $"MB:RECEIVED FROM {n} {rrn}" : $"MB:SENT TO {n} {rrn}",
                1 => $"IMPS {rrn} {n}",
                _ => $"IMPS/{rrn}/{remark}/{n}",
            };
        }
        return r.Next(5) switch
        {
            0 => $"IMPS-{rrn}-{n}-{Noise.Bank4Code(r)}-XXXXXXXX{Noise.Last4(r)}-{remark}",
            1 => $"MMT/IMPS/{rrn}/{remark}/{n}/{Noise.BankName(r)}",
            2 => $"{(credit ? "BY" : "TO")} TRANSFER-IMPS/{rrn}/{n}--",
            3 => $"IMPS/P2A/{rrn}/{n}/{Noise.BankName(r)}/{remark}",
            _ => $"IMPS-{rrn}-{n}-{remark}",
        };
    }

    public static string Ach(Random r, Party p, string remark, bool credit, bool heldOut)
    {
        var n = p.Name;
        var mandate = Noise.Bank4Code(r) + Noise.Digits(r, 14);
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => $"ECS {(credit ? "CR" : "DR")} {n} {mandate}",
                1 => $"NACH/TP ACH {n}/{mandate}",
                _ => $"{n} NACH {remark} {Noise.Digits(r, 8)}",
            };
        }
        return r.Next(6) switch
        {
            5 => RealFormats.Ach(r, p, credit),
            0 => $"ACH {(credit ? "C" : "D")}- {n}-{mandate}",
            1 => $"ACH/{n}/{mandate}/{remark}",
            2 => credit ? $"CREDIT-ACHCr {n} {Noise.Digits(r, 10)}" : $"DEBIT-ACHDr {n} {Noise.Digits(r, 10)}",
            3 => $"ACH-{(credit ? "CR" : "DR")}-{n}-{mandate}",
            _ => $"NACH {(credit ? "CR" : "DR")} {n} {mandate}",
        };
    }

    public static string StandingInstruction(Random r, Party p, string remark, bool heldOut) => heldOut
        ? $"AUTOPAY SI {p.Name} {Noise.Digits(r, 8)}"
        : r.Next(2) == 0 ? $"SI-{p.Name}-{Noise.Digits(r, 10)}-{remark}" : $"SI/{Noise.Digits(r, 9)}/{p.Name}";

    public static string Pos(Random r, Party p, bool heldOut)
    {
        var n = p.Name;
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => $"VPS/{n}/{Noise.City(r)}/{Noise.Digits(r, 12)}",
                1 => $"{n} {Noise.City(r)} IN",
                _ => $"DEBIT CARD PURCHASE {n} {Noise.Last4(r)}",
            };
        }
        return r.Next(5) switch
        {
            0 => $"POS {Noise.CardMask(r)} {n} POS DEBIT",
            1 => $"POS {Noise.CardMask(r)} {n}",
            2 => $"POS/{n}/{Noise.City(r)}/{Noise.ShortDate(r)}",
            3 => $"POS PRCH {Noise.CardMask(r)} {n} {Noise.City(r)}",
            _ => $"PCD/{Noise.Last4(r)}/{n}/{Noise.City(r)}",
        };
    }

    public static string Ecom(Random r, Party p, bool heldOut)
    {
        var n = p.Name;
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => $"IPS/{n}/{Noise.Digits(r, 12)}",
                1 => $"ONLINE PURCHASE-{n}-{Noise.Digits(r, 10)}",
                _ => $"PG {n} {Noise.Digits(r, 8)}",
            };
        }
        return r.Next(3) switch
        {
            0 => $"ECOM PUR/{n}/{Noise.Digits(r, 12)}",
            1 => $"ECOM {Noise.CardMask(r)} {n}",
            _ => $"{Noise.CardMask(r)} {n} ECOM {Noise.Digits(r, 6)}",
        };
    }

    public static string Bbps(Random r, Party p, bool heldOut)
    {
        var n = p.Name;
        if (heldOut)
        {
            return r.Next(2) == 0 ? $"BILL PAYMENT {n} {Noise.Digits(r, 10)}" : $"BILLDESK {n} {Noise.Digits(r, 12)}";
        }
        return r.Next(4) switch
        {
            0 => $"BIL/ONL/{Noise.Digits(r, 12)}/{n}/{Noise.Digits(r, 9)}",
            1 => $"BBPS/{n}/{Noise.Digits(r, 12)}",
            2 => $"IB BILLPAY DR-HDFC{Noise.Digits(r, 4)}-{n}",
            _ => $"BIL/BPAY/{Noise.Digits(r, 12)}/{n}",
        };
    }

    public static string Atm(Random r, bool heldOut)
    {
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => $"CASH WITHDRAWAL {Noise.AtmId(r)} {Noise.City(r)}",
                1 => $"CARDLESS CASH WDL {Noise.Digits(r, 10)}",
                _ => $"ATM {Noise.City(r)} {Noise.Digits(r, 6)}",
            };
        }
        return r.Next(6) switch
        {
            0 => $"ATW-{Noise.CardMask(r)}-{Noise.AtmId(r)}-{Noise.City(r)}",
            1 => $"NWD-{Noise.CardMask(r)}-{Noise.AtmId(r)}-{Noise.City(r)}",
            2 => $"NFS/CASH WDL/{Noise.Digits(r, 12)}/{Noise.Date(r)}",
            3 => $"ATM WDL ATM CASH {Noise.Digits(r, 4)} {Noise.City(r)}",
            4 => $"ATM-CASH-AXIS/{Noise.AtmId(r)}/{Noise.City(r)}",
            _ => $"ATL/{Noise.Last4(r)}/{Noise.Digits(r, 6)}/{Noise.City(r)}",
        };
    }

    public static string Interest(Random r, bool heldOut)
    {
        var acct = Noise.Account(r);
        if (heldOut)
        {
            return r.Next(3) switch
            {
                0 => $"SB INTEREST {Noise.Date(r)}",
                1 => $"INT.CR {acct}",
                _ => $"QUARTERLY INTEREST CREDIT",
            };
        }
        return r.Next(6) switch
        {
            0 => "CREDIT INTEREST CAPITALISED",
            1 => $"INTEREST PAID TILL {Noise.Date(r)}",
            2 => $"{acct}:Int.Pd:{Noise.Date(r)} to {Noise.Date(r)}",
            3 => "CREDIT INTEREST--",
            4 => $"Int.Coll:{acct}:{Noise.Date(r)}",
            _ => $"INT.PD {acct} FD INTEREST",
        };
    }

    public static string Fee(Random r, bool heldOut)
    {
        if (heldOut)
        {
            return r.Next(4) switch
            {
                0 => $"SERVICE CHARGES {Noise.Digits(r, 8)}",
                1 => $"AMC {Noise.CardMask(r)}",
                2 => "GST ON SMS CHRG",
                _ => $"CHRG: DC ANNUAL {Noise.Digits(r, 6)}",
            };
        }
        return r.Next(9) switch
        {
            0 => $"SMS ALERT CHARGES {Noise.Month(r)}-{Noise.Month(r)}",
            1 => $"DEBIT CARD ANNUAL FEE {Noise.CardMask(r)}",
            2 => "GST @18% ON CHARGES",
            3 => $"MIN BAL CHRGS {Noise.Month(r)}",
            4 => "ATM DECLINE CHARGE",
            5 => "CHQ BOOK ISSUE CHARGES",
            6 => $"IMPS CHGS {Noise.Digits(r, 12)}",
            7 => $"CONSOLIDATED CHARGES FOR A/C {Noise.Account(r)}",
            _ => $"NON MAINT CHARGES {Noise.ShortDate(r)}",
        };
    }

    /// <summary>Card/merchant reversals credited back (the non-UPI form of a refund).</summary>
    public static string Reversal(Random r, Party p, string remark, bool heldOut) => heldOut
        ? $"CR REV {p.Name} {Noise.Digits(r, 10)}"
        : r.Next(3) switch
        {
            0 => $"REV-POS {Noise.CardMask(r)} {p.Name}",
            1 => $"{remark}-{p.Name}-{Noise.Digits(r, 10)}",
            _ => $"ECOM REF/{p.Name}/{Noise.Digits(r, 12)}",
        };
}
