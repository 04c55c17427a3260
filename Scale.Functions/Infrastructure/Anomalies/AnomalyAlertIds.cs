using System.Security.Cryptography;
using System.Text;
using Scale.Domain.Anomalies;

namespace Scale.Functions.Infrastructure.Anomalies;

/// <summary>
/// An alert's id is a function of (user, transaction, kind): a UUID (version 8, RFC 9562) from the SHA-256 of the
/// three. Recomputing the user's alerts therefore gives a surviving alert the id it had, so a dismissal recorded
/// against the id still applies, without the recomputation having to match old rows to new ones.
/// </summary>
public static class AnomalyAlertIds
{
    public static Guid For(string userId, long transactionId, AnomalyKind kind)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"scale.anomaly.v1\u001f{userId}\u001f{transactionId}\u001f{kind.ToWire()}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
