using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>Indian personal names for P2P payees. Training and evaluation draw from disjoint first names.</summary>
internal static class People
{
    private static readonly string[] First =
    [
        "RAMESH", "SURESH", "PRIYA", "ANJALI", "RAHUL", "AMIT", "SNEHA", "VIKRAM", "DEEPA", "ARJUN", "KAVYA", "MANOJ",
        "POOJA", "SANJAY", "NEHA", "KIRAN", "ANAND", "DIVYA", "RAJESH", "LAKSHMI", "MOHAN", "SHALINI", "VIJAY", "REKHA",
        "ARUN", "MEERA", "SUNIL", "GEETHA", "NIKHIL", "ASHA", "GANESH", "SWATI", "PRAKASH", "NANDINI", "HARISH", "RITU",
        "VENKAT", "SUMAN", "ABDUL", "FATIMA", "JOSEPH", "MARY", "GURPREET", "HARPREET", "SUBRAMANIAN", "KARTHIK",
    ];

    private static readonly string[] Last =
    [
        "KUMAR", "SHARMA", "VERMA", "IYER", "NAIR", "REDDY", "RAO", "PATEL", "SHAH", "GUPTA", "SINGH", "DAS", "MENON",
        "PILLAI", "JOSHI", "KULKARNI", "DESAI", "MISHRA", "YADAV", "KHAN", "FERNANDES", "CHOUDHARY", "BANERJEE",
        "MUKHERJEE", "NAIK", "HEGDE", "GOWDA", "SHETTY", "AGARWAL", "JAIN",
    ];

    // Names the given-name list in Scale.Domain does not have: payees whose name is no evidence by itself.
    private static readonly string[] Uncommon =
    [
        "THIRUMALAI", "ELANGOVAN", "PARAMESWARAN", "JIGNESH", "BHUPINDER", "LALRINPUII", "TSERING", "DORJEE",
        "ANBAZHAGAN", "KUNHIRAMAN", "BIPLAB", "HIMADRI", "OINAM", "PEMA", "SENTHAMIZH", "YESUDAS", "CHINMAYEE", "DEBJANI",
    ];

    public static string Name(Random r, bool heldOut)
    {
        // Even-indexed first names for training, odd for evaluation: payee names never repeat across the split.
        var pool = r.Next(10) < 7 ? GivenNames.All : r.Next(2) == 0 ? First : Uncommon;
        var index = r.Next(pool.Count / 2) * 2 + (heldOut ? 1 : 0);
        var first = pool[index];
        return r.Next(4) == 0 ? $"{first} {Last[r.Next(Last.Length)][..1]}" : $"{first} {Last[r.Next(Last.Length)]}";
    }
}
