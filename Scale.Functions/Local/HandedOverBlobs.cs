using System.Collections.Concurrent;
using Scale.Functions.Infrastructure.Storage;

namespace Scale.Functions.Local;

/// <summary>
/// What the local blob watcher has already delivered successfully, by name and last-modified time, like the
/// Functions blob trigger's receipts. Needed when completed statements are kept
/// (Ingestion__KeepCompletedStatements=true): the blob stays in the container, and without this memory every poll
/// would open and re-deliver it, forever. A blob written again under the same name has a new last-modified time
/// and is delivered again. Names no longer in the container are forgotten after each full listing.
/// </summary>
public sealed class HandedOverBlobs
{
    private readonly ConcurrentDictionary<string, DateTimeOffset?> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);

    /// <summary>True when this exact version of the blob was delivered before. Call once per listed blob.</summary>
    public bool WasDelivered(StoredBlob blob)
    {
        _listed.Add(blob.Name);
        return _delivered.TryGetValue(blob.Name, out var lastModified) && lastModified == blob.LastModified;
    }

    public void MarkDelivered(StoredBlob blob) => _delivered[blob.Name] = blob.LastModified;

    /// <summary>After a complete listing: forget blobs that have left the container.</summary>
    public void ListingCompleted()
    {
        foreach (var name in _delivered.Keys)
            if (!_listed.Contains(name)) _delivered.TryRemove(name, out _);
        _listed.Clear();
    }

    /// <summary>A listing that failed part-way says nothing about what left.</summary>
    public void ListingAbandoned() => _listed.Clear();
}
