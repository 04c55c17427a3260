using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Api.Http;

/// <summary>
/// What makes two requests "the same" for an idempotency key: the route path and the body. A JSON body is hashed
/// byte for byte. A multipart body is hashed by its parts (names, values, file names and file contents) rather
/// than its bytes, because browsers pick a new boundary on every send; the statement password is left out, so
/// no trace of it is ever stored.
/// </summary>
public static class RequestFingerprint
{
    private static readonly string[] NeverHashed = ["password"];

    /// <returns>The SHA-256, or null when the multipart body cannot be read (the handler reports that).</returns>
    public static async Task<byte[]?> ComputeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, request.Method + " " + request.Path.Value);
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try { form = await request.ReadFormAsync(cancellationToken); }
            catch (Exception ex) when (ex is InvalidDataException or IOException) { return null; }
            foreach (var field in form.Keys.Where(k => !NeverHashed.Contains(k, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                AppendField(hash, "field:" + field);
                foreach (var value in form[field]) AppendField(hash, value ?? string.Empty);
            }
            foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.FileName, StringComparer.Ordinal))
            {
                AppendField(hash, "file:" + file.Name + "/" + file.FileName);
                await using var content = file.OpenReadStream();
                await AppendStreamAsync(hash, content, cancellationToken);
            }
        }
        else
        {
            // Buffered so the handler reads the same body afterwards (the body limit still applies while reading).
            request.EnableBuffering();
            await AppendStreamAsync(hash, request.Body, cancellationToken);
            request.Body.Position = 0;
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Length-prefixed, so ("ab","c") and ("a","bc") differ.</summary>
    private static void AppendField(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }

    private static async Task AppendStreamAsync(IncrementalHash hash, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        long total = 0;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }
        hash.AppendData(BitConverter.GetBytes(total));
    }
}
