using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>How to open a statement: the workbook password (never stored) and an optional bank hint.</summary>
public sealed record StatementParseOptions(string? Password = null, string? BankHint = null);

/// <summary>One transaction row of a statement and the 1-based line (CSV) or sheet row (Excel) it started on.</summary>
public sealed record StatementRow(int LineNumber, TransactionDraft Draft)
{
    /// <summary>The running balance the statement printed after this row, when it has one (signed: negative is overdrawn).</summary>
    public decimal? Balance { get; init; }

    /// <summary>The row undoes an earlier one: a negative amount in a withdrawal (or deposit) column.</summary>
    public bool IsReversal { get; init; }
}

/// <summary>Why a statement could not be read; the HTTP layer maps these to 415 / 413 / 422.</summary>
public enum StatementError
{
    /// <summary>Not a CSV, Excel or OFX file (PDF, image, binary, invalid UTF-8). HTTP 415.</summary>
    UnsupportedContent,
    /// <summary>No known header row was found. HTTP 422.</summary>
    UnknownLayout,
    /// <summary>The workbook is encrypted and no password was given. HTTP 422.</summary>
    PasswordRequired,
    /// <summary>The given password does not open the workbook. HTTP 422.</summary>
    WrongPassword,
    /// <summary>A row or cell could not be read (bad date, bad amount, over-long line). HTTP 422.</summary>
    Malformed,
    /// <summary>The content would expand beyond safe limits (zip bomb, huge workbook). HTTP 413.</summary>
    TooLarge,
    /// <summary>An OFX file whose institution answered with an error (failed sign-on, error STATUS) instead of a statement. HTTP 422.</summary>
    InstitutionError,
    /// <summary>An OFX investment statement with investment transactions only: nothing SCALE imports (it keeps cash). HTTP 422.</summary>
    InvestmentOnly,
}

/// <summary>A statement that cannot be read. <see cref="Exception.Message"/> is written for the end user.</summary>
public sealed class StatementFormatException : Exception
{
    public StatementFormatException(StatementError error, string message, int? lineNumber = null,
        IReadOnlyList<string>? missingColumns = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        LineNumber = lineNumber;
        MissingColumns = missingColumns ?? [];
    }

    public StatementFormatException() : this(StatementError.Malformed, "The statement could not be read.") { }

    public StatementFormatException(string message) : this(StatementError.Malformed, message) { }

    public StatementFormatException(string message, Exception innerException)
        : this(StatementError.Malformed, message, innerException: innerException) { }

    public StatementError Error { get; }

    /// <summary>For <see cref="StatementError.UnknownLayout"/>: the expected columns that were not found.</summary>
    public IReadOnlyList<string> MissingColumns { get; }

    public int? LineNumber { get; }

    /// <summary>For <see cref="StatementError.InstitutionError"/>: the institution's own status code (OFX STATUS CODE).</summary>
    public string? InstitutionCode { get; init; }

    /// <summary>For <see cref="StatementError.InstitutionError"/>: the institution's message, when it sent one.</summary>
    public string? InstitutionMessage { get; init; }

    internal static StatementFormatException Malformed(int line, string message) =>
        new(StatementError.Malformed, $"Line {line}: {message}", line);
}
