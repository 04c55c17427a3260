using Scale.Domain.Ingestion.Parsing;

namespace Scale.Domain.Ingestion;

/// <summary>
/// Statement files are hostile input. Whatever a parser library throws on a file it did not foresee (a corrupt zip
/// entry, an encoding edge) is still "this file cannot be read" for the user: a 4xx, or a failed upload without
/// retries, never a 500 or a retry loop. The original exception goes to <c>onUnexpected</c> so it is logged.
/// </summary>
public static class GuardedStatements
{
    public const string UnreadableMessage = "The statement could not be read.";

    public static StatementReader Open(Stream content, string fileName, StatementParseOptions options, Action<Exception> onUnexpected)
    {
        try
        {
            return StatementParser.Open(content, fileName, options);
        }
        catch (Exception ex) when (IsUnexpected(ex))
        {
            onUnexpected(ex);
            throw new StatementFormatException(StatementError.Malformed, UnreadableMessage);
        }
    }

    public static byte[] DecryptToCsv(Stream content, string fileName, string password, Action<Exception> onUnexpected)
    {
        try
        {
            return StatementParser.DecryptToCsv(content, fileName, password);
        }
        catch (Exception ex) when (IsUnexpected(ex))
        {
            onUnexpected(ex);
            throw new StatementFormatException(StatementError.Malformed, UnreadableMessage);
        }
    }

    /// <summary>
    /// The rows of <paramref name="reader"/>, with unexpected failures turned into a format error. A file whose
    /// every row was skipped fails at the end (<see cref="StatementReader.EnsureRowsWereRead"/>) on every route.
    /// </summary>
    public static IEnumerable<StatementRow> Rows(StatementReader reader, Action<Exception> onUnexpected)
    {
        using var rows = reader.ReadRows().GetEnumerator();
        var count = 0;
        while (true)
        {
            StatementRow row;
            try
            {
                if (!rows.MoveNext())
                {
                    reader.EnsureRowsWereRead(count);
                    yield break;
                }
                row = rows.Current;
                count++;
            }
            catch (Exception ex) when (IsUnexpected(ex))
            {
                onUnexpected(ex);
                throw new StatementFormatException(StatementError.Malformed, UnreadableMessage);
            }
            yield return row;
        }
    }

    private static bool IsUnexpected(Exception ex) =>
        ex is not (StatementFormatException or OperationCanceledException or OutOfMemoryException);
}
