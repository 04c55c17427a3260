using System.Text;
using Scale.Domain.Ingestion.Parsing;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class EncryptedWorkbookTests
{
    private const string Password = "Scale@2024";

    [Fact]
    public void Encrypted_xls_opens_with_its_password()
    {
        using var reader = OpenFile("hdfc_statement_encrypted.xls", new StatementParseOptions(Password: Password));
        Assert.Equal("HDFC", reader.Bank);
        Assert.Equal("xls", reader.Format);

        AssertRows(reader.ReadRows().ToList(), Hdfc, debits: 38262.50m, credits: 85123.45m);
    }

    [Fact]
    public void Encrypted_xls_without_password_is_password_required()
    {
        var error = Fails(() => OpenFile("hdfc_statement_encrypted.xls"));
        Assert.Equal(StatementError.PasswordRequired, error.Error);
    }

    [Fact]
    public void Encrypted_xls_with_wrong_password_is_wrong_password()
    {
        var error = Fails(() => OpenFile("hdfc_statement_encrypted.xls", new StatementParseOptions(Password: "not-it")));
        Assert.Equal(StatementError.WrongPassword, error.Error);
    }

    [Fact]
    public void DecryptToCsv_output_parses_to_the_same_drafts_as_the_encrypted_original()
    {
        using var original = OpenFile("hdfc_statement_encrypted.xls", new StatementParseOptions(Password: Password));
        var expected = original.ReadRows().ToList();

        var csv = StatementParser.DecryptToCsv(new MemoryStream(File.ReadAllBytes(PathOf("hdfc_statement_encrypted.xls"))), "s.xls", Password);
        using var decrypted = OpenBytes(csv, "s.csv");
        var actual = decrypted.ReadRows().ToList();

        Assert.Equal("HDFC", decrypted.Bank);
        Assert.Equal("csv", decrypted.Format);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Draft with { Raw = null }, actual[i].Draft with { Raw = null });
            Assert.Equal(expected[i].Draft.Raw!.ToJsonString(), actual[i].Draft.Raw!.ToJsonString());
        }
        Assert.DoesNotContain(Password, Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public void DecryptToCsv_renders_date_cells_as_iso_dates()
    {
        var csv = Encoding.UTF8.GetString(StatementParser.DecryptToCsv(new MemoryStream(File.ReadAllBytes(PathOf("icici_statement.xlsx"))), "i.xlsx", "unused"));

        Assert.Contains("2,2024-04-03,2024-04-02,-,NEFT-CITIN24123456789-ACME TECHNOLOGIES PVT LTD-SALARY,0,120000,174550\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void DecryptToCsv_with_wrong_password_is_wrong_password()
    {
        var error = Assert.Throws<StatementFormatException>(() =>
            StatementParser.DecryptToCsv(new MemoryStream(File.ReadAllBytes(PathOf("hdfc_statement_encrypted.xls"))), "s.xls", "nope"));
        Assert.Equal(StatementError.WrongPassword, error.Error);
    }

    [Fact]
    public void DecryptToCsv_refuses_a_csv()
    {
        var error = Assert.Throws<StatementFormatException>(() =>
            StatementParser.DecryptToCsv(new MemoryStream(File.ReadAllBytes(PathOf("hdfc_statement.csv"))), "s.csv", Password));
        Assert.Equal(StatementError.UnsupportedContent, error.Error);
    }
}

public class EncryptedXlsxTests
{
    private const string Password = "Scale@2024";

    private static byte[] EncryptedIcici() =>
        AgileEncryptedWorkbookWriter.Encrypt(File.ReadAllBytes(PathOf("icici_statement.xlsx")), Password);

    [Fact]
    public void Agile_encrypted_xlsx_opens_with_its_password()
    {
        using var reader = OpenBytes(EncryptedIcici(), "icici.xlsx", new StatementParseOptions(Password: Password));
        Assert.Equal("ICICI", reader.Bank);
        Assert.Equal("xlsx", reader.Format);

        AssertRows(reader.ReadRows().ToList(), Icici, debits: 36684.56m, credits: 120412.00m);
    }

    [Fact]
    public void Agile_encrypted_xlsx_without_password_is_password_required()
    {
        var error = Fails(() => OpenBytes(EncryptedIcici(), "icici.xlsx"));
        Assert.Equal(StatementError.PasswordRequired, error.Error);
    }

    [Fact]
    public void Agile_encrypted_xlsx_with_wrong_password_is_wrong_password()
    {
        var error = Fails(() => OpenBytes(EncryptedIcici(), "icici.xlsx", new StatementParseOptions(Password: "scale@2024")));
        Assert.Equal(StatementError.WrongPassword, error.Error);
    }

    [Fact]
    public void DecryptToCsv_of_encrypted_xlsx_parses_to_the_same_drafts_as_the_original()
    {
        var encrypted = EncryptedIcici();
        using var original = OpenBytes(encrypted, "icici.xlsx", new StatementParseOptions(Password: Password));
        var expected = original.ReadRows().ToList();

        var csv = StatementParser.DecryptToCsv(new MemoryStream(encrypted), "icici.xlsx", Password);
        using var decrypted = OpenBytes(csv, "icici.csv");
        var actual = decrypted.ReadRows().ToList();

        Assert.Equal("ICICI", decrypted.Bank);
        Assert.Equal(expected.Select(r => r.Draft with { Raw = null }), actual.Select(r => r.Draft with { Raw = null }));
        Assert.Equal(expected.Select(r => r.Draft.Raw!.ToJsonString()), actual.Select(r => r.Draft.Raw!.ToJsonString()));
    }
}
