using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using static Scale.Domain.Categorization.Taxonomy;
using F = Scale.Bench.Categorization.NarrationFormats;

namespace Scale.Bench.Categorization;

/// <summary>How each category shows up on a statement: which rails, counterparties, remarks and amounts.</summary>
internal sealed class CategoryRecipes(CorpusGenerator gen)
{
    private static readonly string[] RefundSources = [Shopping, FoodAndDining, Travel, Transport, Entertainment, Groceries];

    public bool HasUnseenEntities(string category) => category switch
    {
        Transfers or CashWithdrawal or FeesAndCharges or Interest => false,
        _ => true,
    };

    public (string Description, TransactionType Type, decimal Amount) Make(string category, GenerationContext ctx)
    {
        var r = ctx.Random;
        var h = ctx.HeldOut;
        switch (category)
        {
            case FoodAndDining: return Spend(ctx, category, 80, 1800, upi: 55, pos: 30, ecom: 15);
            case Groceries: return Spend(ctx, category, 60, 4500, upi: 55, pos: 35, ecom: 10);
            case Shopping: return Spend(ctx, category, 199, 18000, upi: 30, pos: 30, ecom: 40);
            case Transport: return Spend(ctx, category, 20, 1500, upi: 60, pos: 15, ecom: 25);
            case Fuel: return Spend(ctx, category, 200, 4500, upi: 50, pos: 50, ecom: 0);
            case Entertainment: return Spend(ctx, category, 99, 2000, upi: 30, pos: 20, ecom: 50);
            case Health: return Spend(ctx, category, 80, 12000, upi: 50, pos: 35, ecom: 15);
            case Travel: return Spend(ctx, category, 800, 45000, upi: 30, pos: 25, ecom: 45);
            case CashWithdrawal:
                return (F.Atm(r, h), ctx.Debit, r.Next(1, 21) * 500m);
            case FeesAndCharges:
                return (F.Fee(r, h), ctx.Debit, CorpusGenerator.Amount(r, 5, 1200));
            case Interest:
                return (F.Interest(r, h), ctx.Credit, CorpusGenerator.Amount(r, 3, 9000));
        }

        var amount = category switch
        {
            BillsAndUtilities => CorpusGenerator.Amount(r, 99, 6000),
            Rent => CorpusGenerator.Amount(r, 6000, 55000),
            Education => CorpusGenerator.Amount(r, 300, 90000),
            Investments => CorpusGenerator.Amount(r, 500, 60000),
            EmiAndLoans => CorpusGenerator.Amount(r, 1500, 70000),
            Insurance => CorpusGenerator.Amount(r, 400, 45000),
            Transfers => CorpusGenerator.Amount(r, 50, 30000),
            Salary => CorpusGenerator.Amount(r, 18000, 300000),
            Refunds => CorpusGenerator.Amount(r, 40, 12000),
            _ => CorpusGenerator.Amount(r, 20, 25000),
        };
        var roll = r.Next(100);
        switch (category)
        {
            case BillsAndUtilities:
            {
                var p = gen.MerchantParty(ctx, category);
                var d = roll < 50 ? F.Bbps(r, p, h) : roll < 80 ? F.Upi(r, p, CorpusGenerator.MerchantRemark(ctx), false, h)
                    : roll < 90 ? F.Ecom(r, p, h) : F.Ach(r, p, "BILL", false, h);
                return (d, ctx.Debit, amount);
            }
            case Rent:
            {
                if (roll < 15)
                {
                    var platform = gen.MerchantParty(ctx, category);
                    return (r.Next(2) == 0 ? F.Upi(r, platform, gen.Remark(ctx, Rent), false, h) : F.Ecom(r, platform, h), ctx.Debit, amount);
                }
                var landlord = Party.Person(r, People.Name(r, h || ctx.Split == CorpusSplit.UnseenMerchants));
                var remark = gen.Remark(ctx, Rent);
                var d = roll < 60 ? F.Upi(r, landlord, remark, false, h) : roll < 85 ? F.Imps(r, landlord, remark, false, h)
                    : F.Neft(r, landlord, remark, false, h);
                return (d, ctx.Debit, amount);
            }
            case Education:
            {
                var p = gen.MerchantParty(ctx, category);
                var remark = r.Next(2) == 0 ? gen.Remark(ctx, Education) : CorpusGenerator.MerchantRemark(ctx);
                var d = roll < 30 ? F.Upi(r, p, remark, false, h) : roll < 55 ? F.Neft(r, p, remark, false, h)
                    : roll < 85 ? F.Ecom(r, p, h) : F.Pos(r, p, h);
                return (d, ctx.Debit, amount);
            }
            case Investments when r.Next(100) < 30:
            {
                // Redemptions, broker payouts and P2P repayments credit the account from the same counterparties.
                var p = gen.MerchantParty(ctx, category);
                var remark = gen.CreditRemark(ctx, category);
                var d = roll < 40 ? F.Neft(r, p, remark, true, h) : roll < 70 ? F.Ach(r, p, remark, true, h)
                    : roll < 85 ? F.Upi(r, p, remark, true, h) : F.Imps(r, p, remark, true, h);
                return (d, ctx.Credit, amount);
            }
            case Investments:
            case EmiAndLoans:
            case Insurance:
            {
                var p = gen.MerchantParty(ctx, category);
                var remark = r.Next(2) == 0 ? gen.Remark(ctx, category) : CorpusGenerator.MerchantRemark(ctx);
                var d = roll < 45 ? F.Ach(r, p, remark, false, h) : roll < 70 ? F.Upi(r, p, remark, false, h)
                    : roll < 80 ? F.StandingInstruction(r, p, remark, h)
                    : category == Insurance ? (r.Next(2) == 0 ? F.Ecom(r, p, h) : F.Bbps(r, p, h))
                    : F.Neft(r, p, remark, false, h);
                return (d, ctx.Debit, amount);
            }
            case Transfers when roll >= 60:
                return TransferToSelfOrWallet(ctx, amount);
            case Transfers:
            {
                var person = Party.Person(r, People.Name(r, h));
                var credit = r.Next(100) < 40;
                var remark = r.Next(3) == 0 ? CorpusGenerator.MerchantRemark(ctx) : gen.Remark(ctx, Transfers);
                var d = roll < 35 ? F.Upi(r, person, remark, credit, h) : roll < 50 ? F.Imps(r, person, remark, credit, h)
                    : F.Neft(r, person, remark, credit, h);
                return (d, credit ? ctx.Credit : ctx.Debit, amount);
            }
            case Salary:
            {
                var employer = new Party(gen.MerchantName(ctx, category, "payer"), "", false);
                var remark = gen.Remark(ctx, Salary) + (r.Next(2) == 0 ? " " + Noise.Month(r) : "");
                var d = roll < 60 ? F.Neft(r, employer, remark, true, h) : roll < 70 ? F.Rtgs(r, employer, remark, true, h)
                    : roll < 90 ? F.Ach(r, employer, remark, true, h) : F.Imps(r, employer, remark, true, h);
                return (d, ctx.Credit, amount);
            }
            case Refunds:
            {
                var p = Party.Merchant(r, gen.MerchantName(ctx, Noise.Pick(r, RefundSources)));
                var remark = gen.Remark(ctx, Refunds);
                var d = roll < 50 ? F.Upi(r, p, remark, true, h) : F.Reversal(r, p, remark, h);
                return (d, ctx.Credit, amount);
            }
            default: // Other Income: dividends, cashback, tax refunds, freelance payouts
            {
                var payer = Party.Merchant(r, gen.MerchantName(ctx, OtherIncome, "payer"));
                var d = roll < 40 ? F.Ach(r, payer, "CREDIT", true, h) : roll < 70 ? F.Upi(r, payer, "CREDIT", true, h)
                    : F.Neft(r, payer, "CREDIT", true, h);
                return (d, ctx.Credit, amount);
            }
        }
    }

    /// <summary>
    /// Transfers that are not to another person: to the user's own account (the narration names the user, or
    /// shows their account number), wallet top-ups and credit-card bill payments. All move the user's own money
    /// and are not spending: the card's purchases are the spending.
    /// </summary>
    private (string, TransactionType, decimal) TransferToSelfOrWallet(GenerationContext ctx, decimal amount)
    {
        var r = ctx.Random;
        var h = ctx.HeldOut;
        var roll = r.Next(100);
        if (roll < 40)
        {
            var name = People.Name(r, h || ctx.Split == CorpusSplit.UnseenMerchants);
            var account = Noise.Account(r);
            ctx.Holder = new AccountHolder([name], [account]);
            var self = Party.Person(r, name);
            var credit = r.Next(2) == 0;
            var remark = r.Next(3) == 0 ? "SELF" : gen.Remark(ctx, Transfers);
            var d = r.Next(4) switch
            {
                0 => F.Upi(r, self, remark, credit, h),
                1 => F.Neft(r, self, remark, credit, h),
                2 => $"IMPS-{Noise.Rrn(r)}-{name}-{Noise.Bank4Code(r)}-XXXXXXXX{account[^4..]}-{remark}",
                _ => F.Imps(r, self, remark, credit, h),
            };
            return (d, credit ? ctx.Credit : ctx.Debit, amount);
        }
        if (roll < 70)
        {
            var wallet = Party.Merchant(r, gen.EntityName(ctx, "wallet", Transfers)) with { Mcc = "6540" };
            var d = r.Next(3) switch
            {
                0 => F.Upi(r, wallet, CorpusGenerator.MerchantRemark(ctx), false, h),
                1 => F.Ecom(r, wallet, h),
                _ => F.Pos(r, wallet, h),
            };
            return (d, ctx.Debit, Math.Min(amount, 10000m));
        }
        var issuer = Party.Merchant(r, gen.EntityName(ctx, "cardbill", Transfers)) with { Mcc = "6012" };
        var bill = r.Next(4) switch
        {
            0 => $"IB BILLPAY DR-HDFCXX-{Noise.CardMask(r)}",
            // BBPS lists card issuers as billers by the card's name; other rows on that rail are utilities.
            1 => issuer.Name.Contains("CARD", StringComparison.Ordinal) ? F.Bbps(r, issuer, h)
                : F.Upi(r, issuer, CorpusGenerator.MerchantRemark(ctx), false, h),
            2 => F.Neft(r, issuer, "CC PAYMENT", false, h),
            _ => F.Upi(r, issuer, CorpusGenerator.MerchantRemark(ctx), false, h),
        };
        return (bill, ctx.Debit, amount);
    }

    private (string, TransactionType, decimal) Spend(GenerationContext ctx, string category, double min, double max,
        int upi, int pos, int ecom)
    {
        var r = ctx.Random;
        var p = gen.MerchantParty(ctx, category);
        var roll = r.Next(upi + pos + ecom);
        var d = roll < upi ? F.Upi(r, p, CorpusGenerator.MerchantRemark(ctx), false, ctx.HeldOut)
            : roll < upi + pos ? F.Pos(r, p, ctx.HeldOut) : F.Ecom(r, p, ctx.HeldOut);
        return (d, TransactionType.Debit, CorpusGenerator.Amount(r, min, max));
    }
}
