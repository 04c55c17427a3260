using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Opens XLS/XLSX (plain or password-protected) with ExcelDataReader and finds the sheet holding the statement:
/// the first sheet whose leading rows contain a known header. Cells are rendered to canonical text so CSV and
/// Excel go through the same row reader, and so <see cref="StatementParser.DecryptToCsv"/> round-trips.
/// </summary>
internal static class ExcelWorkbook
{
    /// <summary>Columns beyond this are ignored: statements have about ten, a hostile sheet may claim 16,384.</summary>
    public const int MaxColumns = 64;

    /// <summary>
    /// Rows per sheet we are willing to walk. A year of a busy account is a few thousand rows; the cap bounds the
    /// time a sheet claiming a million (empty) rows can cost, including one inside an encrypted workbook, whose
    /// zip we cannot inspect before ExcelDataReader decrypts it.
    /// </summary>
    public const int MaxRows = 1_000_000;

    static ExcelWorkbook()
    {
        // XLS (BIFF) stores text in legacy code pages; .NET Core ships them only via this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The statement sheet, positioned after its header (<paramref name="afterHeader"/> true) or at row 1.</summary>
    public static (ITableSource Source, ResolvedLayout Layout, IReadOnlyList<TableRecord> Preamble) OpenStatementSheet(
        Stream seekable, string fileName, string? password, IReadOnlyList<BankLayout>? forced, bool afterHeader)
    {
        var reader = Open(seekable, fileName, password);
        try
        {
            HeaderMatch? best = null;
            do
            {
                var buffered = new List<TableRecord>();
                var line = 0;
                while (buffered.Count < HeaderDetector.MaxPreambleRecords && Guard(() => reader.Read(), fileName))
                    buffered.Add(new TableRecord(++line, RenderRow(reader)));
                var match = HeaderDetector.Detect(buffered, forced);
                if (match.Layout is not null)
                {
                    var replay = afterHeader ? buffered.Skip(match.HeaderIndex + 1) : buffered;
                    return (new ReplayTableSource(replay.ToList(), new ExcelTableSource(reader, line, fileName)), match.Layout,
                        buffered.Take(match.HeaderIndex).ToList());
                }
                if (best is null || match.Missing.Count < best.Missing.Count) best = match;
            }
            while (Guard(() => reader.NextResult(), fileName));
            throw HeaderDetector.UnknownLayout(best!, forced, fileName);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static IExcelDataReader Open(Stream seekable, string fileName, string? password) =>
        Guard(() => ExcelReaderFactory.CreateReader(seekable, new ExcelReaderConfiguration
        {
            Password = string.IsNullOrEmpty(password) ? null : password,
            LeaveOpen = false,
        }), fileName, password);

    /// <summary>Maps ExcelDataReader's failures to user-facing errors.</summary>
    internal static T Guard<T>(Func<T> action, string fileName, string? password = "")
    {
        try { return action(); }
        catch (InvalidPasswordException ex) when (string.IsNullOrEmpty(password))
        {
            throw new StatementFormatException(StatementError.PasswordRequired,
                $"'{fileName}' is password-protected; enter the statement password.", innerException: ex);
        }
        catch (InvalidPasswordException ex)
        {
            throw new StatementFormatException(StatementError.WrongPassword,
                $"The password does not open '{fileName}'.", innerException: ex);
        }
        catch (HeaderException ex)
        {
            throw new StatementFormatException(StatementError.UnsupportedContent,
                $"'{fileName}' is not an Excel workbook.", innerException: ex);
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or NotSupportedException
                                       or InvalidOperationException or System.Security.Cryptography.CryptographicException
                                       or FormatException or System.Xml.XmlException or ArgumentException
                                       or IndexOutOfRangeException or EndOfStreamException)
        {
            throw new StatementFormatException(StatementError.Malformed,
                $"'{fileName}' could not be read as an Excel workbook: it may be damaged.", innerException: ex);
        }
    }

    internal static string[] RenderRow(IExcelDataReader reader)
    {
        var count = Math.Min(reader.FieldCount, MaxColumns);
        var cells = new string[count];
        for (var i = 0; i < count; i++)
        {
            var value = reader.GetValue(i);
            cells[i] = value is double number ? RenderNumber(number, NumberFormat(reader, i)) : RenderCell(value);
        }
        // Sheets often report trailing empty columns; drop them so Raw and CSV renderings stay tidy.
        var last = count;
        while (last > 0 && cells[last - 1].Length == 0) last--;
        return last == count ? cells : cells[..last];
    }

    private static string? NumberFormat(IExcelDataReader reader, int i)
    {
        try { return reader.GetNumberFormatString(i); }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException) { return null; }
    }

    /// <summary>Above this a double no longer holds every integer exactly (2^53).</summary>
    private const double ExactIntegerLimit = 9007199254740992d;

    /// <summary>
    /// A numeric cell as the statement showed it. Excel stores every number as a double: a whole number (a long
    /// reference such as 409112345678 or a 16-digit card-style reference) is written with all its digits, not
    /// rounded to 15 significant ones, and a zero-padded format ("0000000000000000") gets its leading zeros back, so
    /// the same statement fingerprints alike from Excel and from CSV. Fractions keep 15 significant digits, which
    /// removes binary noise such as 1234.5600000000002.
    /// </summary>
    internal static string RenderNumber(double x, string? format)
    {
        if (double.IsFinite(x) && Math.Abs(x) < ExactIntegerLimit && x == Math.Floor(x))
        {
            var digits = ((long)x).ToString(CultureInfo.InvariantCulture);
            if (x >= 0 && format is { Length: > 1 } f && f.All(c => c == '0') && digits.Length < f.Length)
                digits = digits.PadLeft(f.Length, '0');
            return digits;
        }
        return RenderCell(x);
    }

    /// <summary>Canonical text of a cell: dates yyyy-MM-dd, numbers invariant and without float noise.</summary>
    internal static string RenderCell(object? value) => value switch
    {
        null or DBNull => string.Empty,
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        // decimal keeps 15 significant digits, which removes binary noise such as 1234.5600000000002.
        double x when Math.Abs(x) < 7.9e27 => ((decimal)x).ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>The remaining rows of one sheet as table records.</summary>
internal sealed class ExcelTableSource(IExcelDataReader reader, int rowsAlreadyRead, string fileName) : ITableSource
{
    private int _row = rowsAlreadyRead;

    public bool TryRead(out TableRecord record)
    {
        record = default;
        if (!ExcelWorkbook.Guard(() => reader.Read(), fileName)) return false;
        if (++_row > ExcelWorkbook.MaxRows)
            throw new StatementFormatException(StatementError.TooLarge,
                $"'{fileName}' has more than {ExcelWorkbook.MaxRows} rows; export a shorter statement period.");
        record = new TableRecord(_row, ExcelWorkbook.RenderRow(reader));
        return true;
    }

    public void Dispose() => reader.Dispose();
}
