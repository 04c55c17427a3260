using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Scale.Functions.Tests.Parsing;

/// <summary>
/// Test-only writer of password-protected XLSX files the way Excel 2010+ saves them: ECMA-376 Agile encryption
/// (AES-256-CBC, SHA-512 key derivation) inside an OLE compound file with "EncryptionInfo" and "EncryptedPackage"
/// streams ([MS-OFFCRYPTO] 2.3.4.10-2.3.4.15, [MS-CFB]). LibreOffice on our machines would not export an
/// encrypted XLSX, so the tests make their own from the plain fixture.
/// </summary>
internal static class AgileEncryptedWorkbookWriter
{
    private const int SegmentLength = 4096;
    private const int SpinCount = 1000; // Excel uses 100,000; the count is stored in the file, a small one keeps tests fast.
    private static readonly byte[] VerifierInputBlock = [0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79];
    private static readonly byte[] VerifierValueBlock = [0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e];
    private static readonly byte[] KeyValueBlock = [0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6];
    private static readonly byte[] HmacKeyBlock = [0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6];
    private static readonly byte[] HmacValueBlock = [0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33];

    public static byte[] Encrypt(byte[] xlsx, string password)
    {
        var keySalt = RandomNumberGenerator.GetBytes(16);
        var passwordSalt = RandomNumberGenerator.GetBytes(16);
        var secretKey = RandomNumberGenerator.GetBytes(32);

        // EncryptedPackage: 8-byte plaintext size, then 4096-byte segments, each with its own IV.
        var padded = new byte[(xlsx.Length + SegmentLength - 1) / SegmentLength * SegmentLength];
        xlsx.CopyTo(padded, 0);
        var package = new byte[8 + padded.Length];
        BinaryPrimitives.WriteInt64LittleEndian(package, xlsx.Length);
        for (var i = 0; i < padded.Length / SegmentLength; i++)
        {
            var iv = Truncate(SHA512.HashData([.. keySalt, .. LittleEndian(i)]), 16);
            Aes(secretKey, iv, padded.AsSpan(i * SegmentLength, SegmentLength)).CopyTo(package, 8 + i * SegmentLength);
        }

        var hash = SHA512.HashData([.. passwordSalt, .. Encoding.Unicode.GetBytes(password)]);
        for (var i = 0; i < SpinCount; i++) hash = SHA512.HashData([.. LittleEndian(i), .. hash]);
        byte[] KeyFor(byte[] block) => Truncate(SHA512.HashData([.. hash, .. block]), 32);

        var verifierInput = RandomNumberGenerator.GetBytes(16);
        var hmacKey = RandomNumberGenerator.GetBytes(64);
        var hmacValue = HMACSHA512.HashData(hmacKey, package);
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" +
            "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" " +
            "xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">" +
            $"<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" saltValue=\"{B64(keySalt)}\"/>" +
            $"<dataIntegrity encryptedHmacKey=\"{B64(Aes(secretKey, Truncate(SHA512.HashData([.. keySalt, .. HmacKeyBlock]), 16), hmacKey))}\" " +
            $"encryptedHmacValue=\"{B64(Aes(secretKey, Truncate(SHA512.HashData([.. keySalt, .. HmacValueBlock]), 16), hmacValue))}\"/>" +
            "<keyEncryptors><keyEncryptor uri=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">" +
            $"<p:encryptedKey spinCount=\"{SpinCount}\" saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" saltValue=\"{B64(passwordSalt)}\" " +
            $"encryptedVerifierHashInput=\"{B64(Aes(KeyFor(VerifierInputBlock), passwordSalt, verifierInput))}\" " +
            $"encryptedVerifierHashValue=\"{B64(Aes(KeyFor(VerifierValueBlock), passwordSalt, SHA512.HashData(verifierInput)))}\" " +
            $"encryptedKeyValue=\"{B64(Aes(KeyFor(KeyValueBlock), passwordSalt, secretKey))}\"/>" +
            "</keyEncryptor></keyEncryptors></encryption>";
        var info = new List<byte> { 4, 0, 4, 0, 0x40, 0, 0, 0 };
        info.AddRange(Encoding.UTF8.GetBytes(xml));
        // Trailing whitespace after the root element is valid XML; it lifts the stream over the 4096-byte mini-stream
        // cutoff so the container needs no mini stream.
        while (info.Count < SegmentLength) info.Add((byte)' ');

        return CompoundFile([("EncryptionInfo", info.ToArray()), ("EncryptedPackage", package)]);
    }

    /// <summary>A version 3 compound file (512-byte sectors) holding two streams of at least 4096 bytes each.</summary>
    private static byte[] CompoundFile((string Name, byte[] Data)[] streams)
    {
        const uint EndOfChain = 0xFFFFFFFE, FreeSect = 0xFFFFFFFF, FatSect = 0xFFFFFFFD, NoStream = 0xFFFFFFFF;
        var sectorsPer = streams.Select(s => (s.Data.Length + 511) / 512).ToArray();
        var dataSectors = sectorsPer.Sum();
        var directorySector = dataSectors;
        var fatSectors = 1;
        while (fatSectors * 128 < dataSectors + 1 + fatSectors) fatSectors++;
        var total = dataSectors + 1 + fatSectors;
        var file = new byte[512 * (total + 1)];

        var header = file.AsSpan(0, 512);
        ((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], (uint)fatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], (uint)directorySector);
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain);
        for (var i = 0; i < 109; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + 4 * i)..], i < fatSectors ? (uint)(directorySector + 1 + i) : FreeSect);

        var fat = Enumerable.Repeat(FreeSect, fatSectors * 128).ToArray();
        var start = new int[streams.Length];
        var next = 0;
        for (var s = 0; s < streams.Length; s++)
        {
            start[s] = next;
            streams[s].Data.CopyTo(file, 512 * (next + 1));
            for (var k = 0; k < sectorsPer[s]; k++, next++) fat[next] = k == sectorsPer[s] - 1 ? EndOfChain : (uint)(next + 1);
        }
        fat[directorySector] = EndOfChain;
        for (var i = 0; i < fatSectors; i++) fat[directorySector + 1 + i] = FatSect;
        for (var i = 0; i < fat.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(512 * (directorySector + 2) + 4 * i), fat[i]);

        // Directory: root -> EncryptedPackage (black) whose left sibling is the shorter-named EncryptionInfo (red).
        var dirOffset = 512 * (directorySector + 1);
        void Entry(int index, string name, byte type, byte color, uint left, uint right, uint child, uint first, long size)
        {
            var e = file.AsSpan(dirOffset + 128 * index, 128);
            Encoding.Unicode.GetBytes(name).CopyTo(e);
            BinaryPrimitives.WriteUInt16LittleEndian(e[64..], (ushort)((name.Length + 1) * 2));
            e[66] = type;
            e[67] = color;
            BinaryPrimitives.WriteUInt32LittleEndian(e[68..], left);
            BinaryPrimitives.WriteUInt32LittleEndian(e[72..], right);
            BinaryPrimitives.WriteUInt32LittleEndian(e[76..], child);
            BinaryPrimitives.WriteUInt32LittleEndian(e[116..], first);
            BinaryPrimitives.WriteInt64LittleEndian(e[120..], size);
        }
        Entry(0, "Root Entry", 5, 1, NoStream, NoStream, 2, EndOfChain, 0);
        Entry(1, streams[0].Name, 2, 0, NoStream, NoStream, NoStream, (uint)start[0], streams[0].Data.Length);
        Entry(2, streams[1].Name, 2, 1, 1, NoStream, NoStream, (uint)start[1], streams[1].Data.Length);
        Entry(3, "", 0, 0, NoStream, NoStream, NoStream, 0, 0);
        return file;
    }

    private static byte[] Aes(byte[] key, byte[] iv, ReadOnlySpan<byte> data)
    {
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        return aes.EncryptCbc(data, iv, PaddingMode.None);
    }

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Truncate(byte[] bytes, int length) => bytes[..length];

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);
}
