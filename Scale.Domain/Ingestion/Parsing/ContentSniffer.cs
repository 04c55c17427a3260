using System.Text;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>What the bytes of an upload are, decided from content alone (never the file name).</summary>
internal enum ContentKind { Text, Xlsx, OleCompound, Ofx }

/// <summary>
/// Classifies an upload from its first bytes. Anything that is not an Excel container, OFX or clean UTF-8
/// text is refused here with a message telling the user what to upload instead.
/// </summary>
internal static class ContentSniffer
{
    public const int PrefixSize = 64 * 1024;

    private static readonly (byte[] Magic, string What)[] KnownBinaries =
    [
        ([0x89, 0x50, 0x4E, 0x47], "an image (PNG)"),
        ([0xFF, 0xD8, 0xFF], "an image (JPEG)"),
        ("GIF8"u8.ToArray(), "an image (GIF)"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
        ([0x1F, 0x8B], "a gzip archive"),
        ("Rar!"u8.ToArray(), "a RAR archive"),
        ([0x37, 0x7A, 0xBC, 0xAF], "a 7-Zip archive"),
    ];

    public static ContentKind Detect(ReadOnlySpan<byte> prefix, bool complete, string fileName)
    {
        if (prefix.IsEmpty)
            throw new StatementFormatException(StatementError.Malformed, $"'{fileName}' is empty.");
        if (prefix.StartsWith("%PDF"u8))
            throw Unsupported("PDF statements are not supported; export CSV or Excel from net banking.");
        if (prefix.StartsWith("PK\x03\x04"u8) || prefix.StartsWith("PK\x05\x06"u8)) return ContentKind.Xlsx;
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return ContentKind.OleCompound;
        foreach (var (magic, what) in KnownBinaries)
        {
            if (prefix.StartsWith(magic))
                throw Unsupported($"'{fileName}' is {what}, not a statement. Export CSV or Excel from net banking.");
        }

        // OFX declares its own encoding (header CHARSET, XML encoding, BOM), so it is recognized before UTF-8 is required.
        // A UTF-16 OFX (byte-order mark) is recognized in its own encoding; OfxEncoding then decodes it.
        var window = prefix[..Math.Min(prefix.Length, 4096)];
        var head = window.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode.GetString(window[2..])
            : window.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode.GetString(window[2..])
            : Encoding.Latin1.GetString(window).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF');
        if (LooksLikeOfx(head)) return ContentKind.Ofx;
        DecodeText(prefix, complete, fileName);
        return ContentKind.Text;
    }

    /// <summary>Decodes the prefix strictly: a BOM picks UTF-8/UTF-16; otherwise it must be NUL-free UTF-8.</summary>
    public static string DecodeText(ReadOnlySpan<byte> prefix, bool complete, string fileName)
    {
        Encoding encoding;
        var body = prefix;
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) { encoding = new UTF8Encoding(false, true); body = prefix[3..]; }
        else if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { encoding = new UnicodeEncoding(false, false, true); body = prefix[2..]; }
        else if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { encoding = new UnicodeEncoding(true, false, true); body = prefix[2..]; }
        else
        {
            if (prefix.Contains((byte)0))
                throw Unsupported($"'{fileName}' is a binary file, not a CSV, Excel or OFX statement.");
            encoding = new UTF8Encoding(false, true);
        }
        try
        {
            var decoder = encoding.GetDecoder();
            var chars = new char[encoding.GetMaxCharCount(body.Length)];
            // flush: false lets the prefix end inside a multi-byte character when the file goes on.
            var n = decoder.GetChars(body, chars, flush: complete);
            return new string(chars, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw Unsupported($"'{fileName}' is not valid UTF-8 text. Export the statement again as CSV (UTF-8) or Excel.");
        }
    }

    private static bool LooksLikeOfx(string text)
    {
        var head = text.AsSpan().TrimStart();
        if (head.StartsWith("OFXHEADER", StringComparison.OrdinalIgnoreCase)) return true;
        if (head.StartsWith("<OFX>", StringComparison.OrdinalIgnoreCase)) return true;
        if (!head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase)) return false;
        var window = head[..Math.Min(head.Length, 4096)];
        return window.Contains("<?OFX", StringComparison.OrdinalIgnoreCase) || window.Contains("<OFX>", StringComparison.OrdinalIgnoreCase);
    }

    internal static StatementFormatException Unsupported(string message) =>
        new(StatementError.UnsupportedContent, message);
}

/// <summary>
/// A read-only stream that replays the sniffed prefix and then continues with the rest of the upload. The upload
/// stream belongs to the caller (as with <c>StreamReader(..., leaveOpen: true)</c>), so it is not disposed here.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        return rest.Read(buffer);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
