using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// Opaque keyset cursors: base64url(version | kind | position | HMAC-SHA256/128 over all of it and the user id).
/// The MAC makes a cursor unforgeable and bound to the user it was issued to, so a tampered or borrowed cursor is
/// a 400, never a jump to an arbitrary position. Key: Pagination__CursorKey, else derived from Auth__SigningKey
/// (cursors then survive restarts and work across instances); with neither, start-up fails.
/// </summary>
public sealed class PageCursors(IConfiguration configuration)
{
    private const byte Version = 1;
    private const int MacLength = 16;
    private const byte TransactionKind = 1;
    private const byte UploadKind = 2;
    private const byte AlertKind = 3;

    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("scale.cursor|" + KeyMaterial(configuration)));

    /// <summary>
    /// Start-up validation: with neither a cursor key nor an HS256 signing key (a JWKS-only deployment) there is
    /// no secret to sign cursors with, and a constant would let anyone forge them.
    /// </summary>
    public static IEnumerable<string> ConfigurationProblems(IConfiguration configuration)
    {
        if (TryKeyMaterial(configuration) is null)
            yield return "Pagination__CursorKey is not set: it is required when Auth__SigningKey is not (list cursors are signed with it).";
    }

    private static string KeyMaterial(IConfiguration configuration) =>
        TryKeyMaterial(configuration) ?? throw new InvalidOperationException(ConfigurationProblems(configuration).First());

    // Empty settings count as unset: local.settings.json and app settings carry keys with "" values.
    private static string? TryKeyMaterial(IConfiguration configuration) =>
        new[] { configuration["Pagination:CursorKey"], configuration["Auth:SigningKey"] }
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    public string ForTransaction(string userId, DateOnly date, long id)
    {
        Span<byte> payload = stackalloc byte[12];
        BinaryPrimitives.WriteInt32BigEndian(payload, date.DayNumber);
        BinaryPrimitives.WriteInt64BigEndian(payload[4..], id);
        return Encode(TransactionKind, userId, payload);
    }

    public bool TryReadTransaction(string userId, string cursor, out DateOnly date, out long id)
    {
        date = default;
        id = 0;
        if (!TryDecode(TransactionKind, userId, cursor, 12, out var payload)) return false;
        var day = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber) return false;
        date = DateOnly.FromDayNumber(day);
        id = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(4));
        return true;
    }

    public string ForAlert(string userId, DateOnly date, Guid alertId)
    {
        Span<byte> payload = stackalloc byte[20];
        BinaryPrimitives.WriteInt32BigEndian(payload, date.DayNumber);
        alertId.TryWriteBytes(payload[4..], bigEndian: true, out _);
        return Encode(AlertKind, userId, payload);
    }

    public bool TryReadAlert(string userId, string cursor, out DateOnly date, out Guid alertId)
    {
        date = default;
        alertId = default;
        if (!TryDecode(AlertKind, userId, cursor, 20, out var payload)) return false;
        var day = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber) return false;
        date = DateOnly.FromDayNumber(day);
        alertId = new Guid(payload.AsSpan(4, 16), bigEndian: true);
        return true;
    }

    public string ForUpload(string userId, DateTime createdAt, Guid uploadId)
    {
        Span<byte> payload = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(payload, createdAt.ToUniversalTime().Ticks);
        uploadId.TryWriteBytes(payload[8..], bigEndian: true, out _);
        return Encode(UploadKind, userId, payload);
    }

    public bool TryReadUpload(string userId, string cursor, out DateTime createdAt, out Guid uploadId)
    {
        createdAt = default;
        uploadId = default;
        if (!TryDecode(UploadKind, userId, cursor, 24, out var payload)) return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(payload);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        createdAt = new DateTime(ticks, DateTimeKind.Utc);
        uploadId = new Guid(payload.AsSpan(8, 16), bigEndian: true);
        return true;
    }

    private string Encode(byte kind, string userId, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[2 + payload.Length + MacLength];
        bytes[0] = Version;
        bytes[1] = kind;
        payload.CopyTo(bytes.AsSpan(2));
        Mac(userId, bytes.AsSpan(0, 2 + payload.Length)).CopyTo(bytes.AsSpan(2 + payload.Length));
        return WebEncoders.Base64UrlEncode(bytes);
    }

    private bool TryDecode(byte kind, string userId, string cursor, int payloadLength, out byte[] payload)
    {
        payload = [];
        if (cursor.Length is 0 or > 200) return false;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(cursor); }
        catch (FormatException) { return false; }
        if (bytes.Length != 2 + payloadLength + MacLength || bytes[0] != Version || bytes[1] != kind) return false;
        var expected = Mac(userId, bytes.AsSpan(0, 2 + payloadLength));
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(2 + payloadLength))) return false;
        payload = bytes[2..(2 + payloadLength)];
        return true;
    }

    private byte[] Mac(string userId, ReadOnlySpan<byte> data)
    {
        var user = Encoding.UTF8.GetBytes(userId);
        var input = new byte[user.Length + 1 + data.Length];
        user.CopyTo(input, 0);
        data.CopyTo(input.AsSpan(user.Length + 1));
        return HMACSHA256.HashData(_key, input)[..MacLength];
    }
}
