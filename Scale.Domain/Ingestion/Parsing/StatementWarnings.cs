namespace Scale.Domain.Ingestion.Parsing;

/// <summary>Warnings collected while reading; capped so a file of a million junk rows cannot grow it without bound.</summary>
internal sealed class StatementWarnings
{
    private const int Cap = 100;
    private readonly List<string> _items = [];
    private int _dropped;

    public IReadOnlyList<string> Items => _items;

    public void Add(string warning)
    {
        if (_items.Count < Cap) { _items.Add(warning); return; }
        _dropped++;
        var note = $"... and {_dropped} more warning(s).";
        if (_items.Count == Cap) _items.Add(note); else _items[Cap] = note;
    }
}
