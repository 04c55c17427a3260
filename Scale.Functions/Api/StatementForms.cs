using System.Text;
using Microsoft.AspNetCore.Http;
using Scale.Domain.Ingestion.Parsing;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Api;

/// <summary>The multipart form of /ingestion/parse and /ingestion/uploads: file, optional password and bank hint.</summary>
public sealed record StatementForm(IFormFile File, string FileName, string? Password, string? BankHint);

/// <summary>Reads statement forms and turns parser failures into the API's problems.</summary>
public static class StatementForms
{
    private const int MaxFileNameLength = 100;

    public static async Task<(StatementForm? Form, ProblemResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.UnsupportedMediaType("Send the statement as multipart/form-data with a 'file' part."));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return (null, Problems.BadRequest("malformed_multipart", "The multipart body could not be read: " + ex.Message));
        }
        catch (IOException ex) when (ex is not EndOfStreamException || !cancellationToken.IsCancellationRequested)
        {
            return (null, Problems.BadRequest("malformed_multipart", "The multipart body ended unexpectedly."));
        }

        var file = form.Files.GetFile("file");
        if (file is null) return (null, Problems.Validation("file", "Attach the statement as the 'file' part."));
        if (file.Length == 0) return (null, Problems.Validation("file", "The file is empty."));

        var password = form["password"].FirstOrDefault();
        if (password is { Length: > 256 }) return (null, Problems.Validation("password", "Must be at most 256 characters."));
        var bank = form["bank"].FirstOrDefault()?.Trim();
        if (bank is { Length: > 32 }) return (null, Problems.Validation("bank", "Must be at most 32 characters."));
        return (new StatementForm(file, SafeFileName(file.FileName), string.IsNullOrEmpty(password) ? null : password,
            string.IsNullOrEmpty(bank) ? null : bank), null);
    }

    /// <summary>
    /// The last path segment of the client's file name, with control characters and anything a blob path or a
    /// shell would treat specially replaced, at most 100 characters (the extension kept: formats are sniffed by
    /// content, but people recognize their files by it).
    /// </summary>
    public static string SafeFileName(string? name)
    {
        var last = (name ?? string.Empty).Replace('\\', '/').Split('/')[^1].Trim();
        var sb = new StringBuilder(last.Length);
        foreach (var ch in last)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' or ' ' or '(' or ')' ? ch : '_');
        var safe = sb.ToString().Trim('.', ' ');
        if (safe.Length == 0) safe = "statement";
        if (safe.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(safe);
            if (extension.Length > 10) extension = string.Empty;
            safe = safe[..(MaxFileNameLength - extension.Length)] + extension;
        }
        return safe;
    }

    /// <summary>415 not a statement, 413 expands too far, 422 for everything that is a statement we cannot read.</summary>
    public static ProblemResult ToProblem(StatementFormatException ex)
    {
        var extensions = new Dictionary<string, object?>();
        if (ex.LineNumber is { } line) extensions["line_number"] = line;
        switch (ex.Error)
        {
            case StatementError.UnsupportedContent:
                return new ProblemResult(StatusCodes.Status415UnsupportedMediaType, "unsupported_content",
                    "The file is not a supported statement.", ex.Message, extensions: extensions);
            case StatementError.TooLarge:
                return new ProblemResult(StatusCodes.Status413PayloadTooLarge, "statement_too_large",
                    "The statement is too large to read.", ex.Message, extensions: extensions);
            case StatementError.UnknownLayout:
                extensions["missing_columns"] = ex.MissingColumns;
                return Problems.Unprocessable("unknown_layout", ex.Message, extensions);
            case StatementError.PasswordRequired:
                return Problems.Unprocessable("password_required", ex.Message, extensions);
            case StatementError.WrongPassword:
                return Problems.Unprocessable("wrong_password", ex.Message, extensions);
            case StatementError.InstitutionError:
                extensions["institution_code"] = ex.InstitutionCode;
                extensions["institution_message"] = ex.InstitutionMessage;
                return Problems.Unprocessable("institution_error", ex.Message, extensions);
            case StatementError.InvestmentOnly:
                return Problems.Unprocessable("investment_only_statement", ex.Message, extensions);
            default:
                return Problems.Unprocessable("malformed_statement", ex.Message, extensions);
        }
    }
}
