using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>
/// Issue 14 (5): numeric Excel cells go through double. Long references must keep every digit and, under a
/// zero-padded number format, their leading zeros, so the XLSX and CSV of one statement read (and fingerprint) alike.
/// </summary>
public class ExcelNumberCellTests
{
    [Fact]
    public void Long_numeric_references_keep_every_digit_and_padded_ones_their_leading_zeros()
    {
        var xlsx = Workbook(
        [
            ["Date", "Narration", "Chq./Ref.No.", "Value Dt", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"],
            ["01/04/24", "UPI-SWIGGY-SWIGGY@ICICI-PAYMENT", Padded(409112345678d), "01/04/24", 450.00d, "", 124550.00d],
            ["02/04/24", "NEFT CR-ACME TECHNOLOGIES-SALARY", 1234567890123456d, "02/04/24", "", 85000.00d, 209550.00d],
            ["03/04/24", "POS 416021XXXXXX1234 DMART", 409312345678d, "03/04/24", 1234.56d, "", 208315.44d],
        ]);
        using var reader = OpenBytes(xlsx, "statement.xlsx");
        var rows = reader.ReadRows().ToList();

        Assert.Equal(new string?[] { "0000409112345678", "1234567890123456", "409312345678" }, rows.Select(r => r.Draft.Reference).ToArray());
        Assert.Equal("1234.56", rows[2].Draft.Amount.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Workbook_and_csv_of_one_statement_give_the_same_drafts()
    {
        var xlsx = Workbook(
        [
            ["Date", "Narration", "Chq./Ref.No.", "Value Dt", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"],
            ["01/04/24", "UPI-SWIGGY-SWIGGY@ICICI-PAYMENT", Padded(409112345678d), "01/04/24", 450.00d, "", 124550.00d],
        ]);
        using var fromExcel = OpenBytes(xlsx, "statement.xlsx");
        using var fromCsv = OpenText("Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n" +
                                     "01/04/24,UPI-SWIGGY-SWIGGY@ICICI-PAYMENT,0000409112345678,01/04/24,450.00,,124550.00\n");

        var excelRow = Flatten(Assert.Single(fromExcel.ReadRows()));
        Assert.Equal(Flatten(Assert.Single(fromCsv.ReadRows())), excelRow);
        Assert.Equal(new ExpectedRow("2024-04-01", "450.00", TransactionType.Debit, "UPI-SWIGGY-SWIGGY@ICICI-PAYMENT", "0000409112345678"), excelRow);
    }

    /// <summary>A number shown with the 16-digit zero-padded format Excel users apply to references.</summary>
    private sealed record PaddedNumber(double Value);

    private static PaddedNumber Padded(double value) => new(value);

    /// <summary>A one-sheet XLSX with text, plain numbers and zero-padded numbers (style 1: "0000000000000000").</summary>
    private static byte[] Workbook(object[][] rows)
    {
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Length; r++)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = $"{(char)('A' + c)}{r + 1}";
                sheet.Append(rows[r][c] switch
                {
                    "" => "",
                    string s => $"<c r=\"{cell}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(s)}</t></is></c>",
                    PaddedNumber p => $"<c r=\"{cell}\" s=\"1\"><v>{p.Value.ToString("R", CultureInfo.InvariantCulture)}</v></c>",
                    double d => $"<c r=\"{cell}\"><v>{d.ToString("R", CultureInfo.InvariantCulture)}</v></c>",
                    var other => throw new ArgumentException($"Unsupported cell {other}"),
                });
            }
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");

        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
            ["_rels/.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
            ["xl/workbook.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Statement" sheetId="1" r:id="rId1"/></sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>""",
            ["xl/styles.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0000000000000000"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""",
            ["xl/worksheets/sheet1.xml"] = sheet.ToString(),
        };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }
        return buffer.ToArray();
    }
}
