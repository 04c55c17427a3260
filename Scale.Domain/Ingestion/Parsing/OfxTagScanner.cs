using System.Text;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// The tags of an OFX file, SGML (v1: leaf elements are not closed) or XML (v2), one at a time with the text before
/// each. Text is entity-decoded; a CDATA section is text taken as written (ofxtools and ofxparse read
/// <c>&lt;NAME&gt;&lt;![CDATA[...]]&gt;</c> as the name). Tags and values are length-bounded so hostile input cannot
/// grow memory.
/// </summary>
internal sealed class OfxTagScanner(TextReader text)
{
    private const int MaxTagLength = 128;
    private const int MaxValueLength = 64 * 1024;
    private const string CdataOpen = "![CDATA[";

    /// <summary>The 1-based line the scanner is on.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>Reads up to and including the next tag; returns the trimmed text before it and the tag's name.</summary>
    public bool Next(out string tag, out string valueBefore)
    {
        var value = new StringBuilder();
        var plain = new StringBuilder();
        while (true)
        {
            int ch;
            while ((ch = text.Read()) != -1 && ch != '<') Append(plain, (char)ch, value.Length);
            // XML OFX escapes &, < and > as entities; SGML files written by banks use them too.
            value.Append(System.Net.WebUtility.HtmlDecode(plain.ToString()));
            plain.Clear();
            if (ch == -1) { tag = string.Empty; valueBefore = value.ToString().Trim(); return false; }

            var name = ReadTagName();
            if (name is null) { ReadCdata(value); continue; }
            valueBefore = value.ToString().Trim();
            var space = name.IndexOfAny([' ', '\t', '\r', '\n']);
            tag = (space < 0 ? name : name[..space]).ToUpperInvariant();
            return true;
        }
    }

    /// <summary>The tag after a '&lt;', or null when it opens a CDATA section.</summary>
    private string? ReadTagName()
    {
        var name = new StringBuilder();
        int ch;
        while ((ch = text.Read()) != -1 && ch != '>')
        {
            if (ch == '\n') Line++;
            // Processing instructions and comments carry attributes; keep only their first word.
            if (name.Length >= MaxTagLength)
            {
                if (name[0] is '?' or '!') continue;
                throw StatementFormatException.Malformed(Line, "an OFX tag is too long.");
            }
            name.Append((char)ch);
            if (name.Length == CdataOpen.Length && name.ToString() == CdataOpen) return null;
        }
        return name.ToString().Trim();
    }

    /// <summary>Appends a CDATA section's text, as written, up to its <c>]]&gt;</c>.</summary>
    private void ReadCdata(StringBuilder value)
    {
        var start = value.Length;
        int ch;
        while ((ch = text.Read()) != -1)
        {
            Append(value, (char)ch, 0);
            if (value.Length - start >= 3 && value[^1] == '>' && value[^2] == ']' && value[^3] == ']')
            {
                value.Length -= 3;
                return;
            }
        }
        throw StatementFormatException.Malformed(Line, "a CDATA section is not closed.");
    }

    private void Append(StringBuilder to, char ch, int already)
    {
        if (ch == '\n') Line++;
        if (to.Length + already >= MaxValueLength)
            throw StatementFormatException.Malformed(Line, $"an OFX value is longer than {MaxValueLength} characters.");
        to.Append(ch);
    }
}
