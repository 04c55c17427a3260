namespace Scale.Functions.Triggers;

/// <summary>
/// "{user_id}/{upload_id}/{file_name}" as the upload API writes it, or "{user_id}/.../{file_name}" as someone
/// dropped it: the first segment is the owner, the last the file name. A name without an owner segment belongs to
/// nobody and is never imported.
/// </summary>
public static class StatementBlobName
{
    public static bool TryParse(string blobName, out string userId, out string fileName)
    {
        userId = fileName = string.Empty;
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == blobName.Length - 1) return false;
        userId = blobName[..slash];
        fileName = blobName[(blobName.LastIndexOf('/') + 1)..];
        if (userId.Length > 128 || userId.Any(char.IsControl) || userId.Trim().Length != userId.Length) return false;
        if (fileName.Length > 255) fileName = fileName[^255..];
        return fileName.Length > 0;
    }
}
