using System.IO.Compression;
using System.Text;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class SafetyLimitsTests
{
    private const string Header = "Date,Narration,Withdrawal,Deposit\n";

    [Fact]
    public void Ten_megabyte_single_line_before_any_header_is_malformed_not_buffered()
    {
        var stream = new GeneratedStream(Encoding.ASCII.GetBytes("Date,"), Encoding.ASCII.GetBytes("x"), 10 * 1024 * 1024);
        var error = Fails(() => StatementParser.Open(stream, "long.csv", new StatementParseOptions()));

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(1, error.LineNumber);
        Assert.StartsWith("Line 1 is longer than 65536 characters", error.Message, StringComparison.Ordinal);
        // Reading stopped soon after the limit instead of consuming the whole 10 MB line.
        Assert.True(stream.Produced < 1024 * 1024, $"read {stream.Produced} bytes");
    }

    [Fact]
    public void Ten_megabyte_line_after_the_header_is_malformed_naming_its_line()
    {
        var prefix = Encoding.ASCII.GetBytes(Header + "01/01/2024,Tea,10.00,\n01/01/2024,");
        var stream = new GeneratedStream(prefix, Encoding.ASCII.GetBytes("y"), 10 * 1024 * 1024);
        using var reader = StatementParser.Open(stream, "long.csv", new StatementParseOptions());
        var rows = new List<StatementRow>();
        var error = Assert.Throws<StatementFormatException>(() => { foreach (var r in reader.ReadRows()) rows.Add(r); });

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(3, error.LineNumber);
        Assert.Single(rows);
    }

    [Fact]
    public void Unclosed_quote_cannot_swallow_the_rest_of_the_file()
    {
        var prefix = Encoding.ASCII.GetBytes(Header + "01/01/2024,\"Tea\n");
        var stream = new GeneratedStream(prefix, Encoding.ASCII.GetBytes("more narration text on another line\n"), 20 * 1024 * 1024);
        using var reader = StatementParser.Open(stream, "quote.csv", new StatementParseOptions());
        var error = Assert.Throws<StatementFormatException>(() => reader.ReadRows().ToList());

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.True(stream.Produced < 2 * 1024 * 1024, $"read {stream.Produced} bytes");
    }

    [Fact]
    public void Twenty_megabyte_csv_streams_every_row()
    {
        const string row = "01/01/2024,UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-409112345678-PAYMENT FROM PHONE,450.00,\n";
        var rowBytes = Encoding.ASCII.GetBytes(row);
        var count = 20 * 1024 * 1024 / rowBytes.Length;
        var stream = new GeneratedStream(Encoding.ASCII.GetBytes(Header), rowBytes, (long)count * rowBytes.Length);
        using var reader = StatementParser.Open(stream, "big.csv", new StatementParseOptions());

        var seen = 0;
        decimal total = 0;
        long producedAtFirstRow = -1;
        foreach (var r in reader.ReadRows())
        {
            if (seen++ == 0) producedAtFirstRow = stream.Produced;
            total += r.Draft.Amount;
        }
        // Lazy: the first row came out after reading a few buffers, not the whole file.
        Assert.InRange(producedAtFirstRow, 1, 512 * 1024);
        Assert.Equal(count, seen);
        Assert.Equal(count * 450.00m, total);
    }

    [Fact]
    public void Xlsx_with_an_entry_compressed_beyond_200_to_1_is_too_large()
    {
        var zip = Workbook(archive => WriteZeros(archive, "xl/worksheets/sheet1.xml", 8 * 1024 * 1024, CompressionLevel.SmallestSize));
        var error = Fails(() => OpenBytes(zip, "bomb.xlsx"));

        Assert.Equal(StatementError.TooLarge, error.Error);
        Assert.Contains("200:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_expanding_beyond_200_megabytes_is_too_large()
    {
        // 201 parts of 1 MB each: each is small enough to escape the ratio rule, together they are too big.
        var zip = Workbook(archive =>
        {
            for (var i = 0; i < 201; i++) WriteZeros(archive, $"xl/media/part{i}.bin", 1024 * 1024);
        });
        var error = Fails(() => OpenBytes(zip, "big.xlsx"));

        Assert.Equal(StatementError.TooLarge, error.Error);
        Assert.Contains("200 MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_with_more_than_10000_parts_is_too_large()
    {
        var zip = Workbook(archive =>
        {
            for (var i = 0; i < 10_001; i++) archive.CreateEntry($"xl/p{i}.xml", CompressionLevel.NoCompression);
        });
        var error = Fails(() => OpenBytes(zip, "many.xlsx"));

        Assert.Equal(StatementError.TooLarge, error.Error);
    }

    [Fact]
    public void Workbook_over_50_megabytes_is_too_large()
    {
        var stream = new GeneratedStream("PK\u0003\u0004"u8.ToArray(), [0x20], 51L * 1024 * 1024);
        var error = Fails(() => StatementParser.Open(stream, "huge.xlsx", new StatementParseOptions()));

        Assert.Equal(StatementError.TooLarge, error.Error);
    }

    [Theory]
    [InlineData("ole")]
    [InlineData("zip-bad-xml")]
    [InlineData("zip-truncated")]
    public void Damaged_workbooks_fail_as_statement_errors_never_as_crashes(string kind)
    {
        byte[] bytes = kind switch
        {
            "ole" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[2048]],
            "zip-bad-xml" => Workbook(archive =>
            {
                using var w = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open());
                w.Write("<Types><not-closed");
            }),
            _ => File.ReadAllBytes(PathOf("hdfc_statement.xlsx"))[..1500],
        };
        var error = Fails(() => OpenBytes(bytes, "damaged.xlsx"));

        Assert.Contains(error.Error, new[] { StatementError.Malformed, StatementError.UnsupportedContent, StatementError.UnknownLayout });
    }

    private static byte[] Workbook(Action<ZipArchive> addParts)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open())) w.Write("<workbook/>");
            addParts(archive);
        }
        return buffer.ToArray();
    }

    private static void WriteZeros(ZipArchive archive, string name, int size, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var entry = archive.CreateEntry(name, level).Open();
        var zeros = new byte[64 * 1024];
        for (var written = 0; written < size; written += zeros.Length) entry.Write(zeros);
    }

    /// <summary>A non-seekable stream of a prefix followed by a repeated chunk, produced on demand (never held whole).</summary>
    private sealed class GeneratedStream(byte[] prefix, byte[] chunk, long repeatedBytes) : Stream
    {
        private long _position;

        public long Produced => _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var total = prefix.Length + repeatedBytes;
            var n = (int)Math.Min(count, total - _position);
            for (var i = 0; i < n; i++, _position++)
            {
                buffer[offset + i] = _position < prefix.Length ? prefix[_position] : chunk[(_position - prefix.Length) % chunk.Length];
            }
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
