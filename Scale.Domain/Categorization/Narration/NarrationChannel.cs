namespace Scale.Domain.Categorization;

/// <summary>The payment rail a bank narration names (UPI, NEFT, card, ATM, …).</summary>
public enum NarrationChannel
{
    Other,
    Upi,
    Neft,
    Imps,
    Rtgs,
    Pos,
    Ecom,
    Ach,
    Atm,
    Bbps,
    Cheque,
    Cash,
    StandingInstruction,
    Interest,
    Fee,
}

public static class NarrationChannels
{
    /// <summary>Short upper-case label used in explanations and feature names (UPI, NEFT, ACH, …).</summary>
    public static string Label(this NarrationChannel channel) => channel switch
    {
        NarrationChannel.Upi => "UPI",
        NarrationChannel.Neft => "NEFT",
        NarrationChannel.Imps => "IMPS",
        NarrationChannel.Rtgs => "RTGS",
        NarrationChannel.Pos => "POS",
        NarrationChannel.Ecom => "ECOM",
        NarrationChannel.Ach => "ACH",
        NarrationChannel.Atm => "ATM",
        NarrationChannel.Bbps => "BBPS",
        NarrationChannel.Cheque => "CHQ",
        NarrationChannel.Cash => "CASH",
        NarrationChannel.StandingInstruction => "SI",
        NarrationChannel.Interest => "INT",
        NarrationChannel.Fee => "FEE",
        _ => "OTHER",
    };
}
