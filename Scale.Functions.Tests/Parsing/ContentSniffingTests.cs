using System.IO.Compression;
using System.Text;
using Scale.Domain.Ingestion.Parsing;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class ContentSniffingTests
{
    [Fact]
    public void Pdf_is_unsupported_with_a_helpful_message()
    {
        var error = Fails(() => OpenBytes(Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "statement.csv"));

        Assert.Equal(StatementError.UnsupportedContent, error.Error);
        Assert.Equal("PDF statements are not supported; export CSV or Excel from net banking.", error.Message);
    }

    [Fact]
    public void Png_named_csv_is_unsupported_because_content_wins_over_the_name()
    {
        var error = Fails(() => OpenBytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "statement.csv"));

        Assert.Equal(StatementError.UnsupportedContent, error.Error);
        Assert.Contains("image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_named_xlsx_is_still_read_as_csv()
    {
        using var reader = StatementParser.Open(new MemoryStream(File.ReadAllBytes(PathOf("axis_statement.csv"))), "statement.xlsx", new StatementParseOptions());
        Assert.Equal("csv", reader.Format);
        Assert.Equal(5, reader.ReadRows().Count());
    }

    [Fact]
    public void Invalid_utf8_in_the_first_bytes_is_unsupported()
    {
        var bytes = Encoding.ASCII.GetBytes("Date,Narration,Debit,Credit\n01/01/2024,Caf").Concat(new byte[] { 0xE9, 0x2C, 0x31, 0x0A }).ToArray();
        var error = Fails(() => OpenBytes(bytes));

        Assert.Equal(StatementError.UnsupportedContent, error.Error);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_after_the_sniffed_prefix_is_unsupported_while_reading()
    {
        var text = new StringBuilder("Date,Narration,Debit,Credit\n");
        while (text.Length < 100_000) text.Append("01/01/2024,Tea,10.00,\n");
        var bytes = Encoding.ASCII.GetBytes(text.ToString()).Concat(new byte[] { 0x30, 0xFF, 0xFE, 0x0A }).ToArray();
        var error = Fails(() => OpenBytes(bytes));

        Assert.Equal(StatementError.UnsupportedContent, error.Error);
    }

    [Fact]
    public void Nul_bytes_mean_binary_content()
    {
        var error = Fails(() => OpenBytes(Encoding.ASCII.GetBytes("Date,Narration\0,Debit,Credit\n")));
        Assert.Equal(StatementError.UnsupportedContent, error.Error);
    }

    [Fact]
    public void Zip_that_is_not_a_workbook_is_unsupported()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(archive.CreateEntry("word/document.xml").Open());
            w.Write("<w:document/>");
        }
        var error = Fails(() => OpenBytes(zip.ToArray(), "statement.xlsx"));

        Assert.Equal(StatementError.UnsupportedContent, error.Error);
        Assert.Contains("not an Excel workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_malformed()
    {
        var error = Fails(() => OpenBytes([]));
        Assert.Equal(StatementError.Malformed, error.Error);
    }

    [Fact]
    public void Unknown_hint_is_unknown_layout()
    {
        var error = Fails(() => OpenFile("hdfc_statement.csv", new StatementParseOptions(BankHint: "yesbank")));

        Assert.Equal(StatementError.UnknownLayout, error.Error);
        Assert.Contains("yesbank", error.Message, StringComparison.Ordinal);
    }
}
