using System.Runtime.InteropServices;
using System.Text;

namespace Scale.Domain.Categorization;

/// <summary>
/// Binary model artifact. Layout: "SCLC" magic, int32 format version (so a wrong file fails fast), model version,
/// hash bits, class names, temperature, threshold, biases, and only the non-zero weight rows (bucket indices, then
/// each row's floats). Untouched buckets are omitted, which keeps the file (~3 MB) a fraction of the 22 MB dense
/// matrix. Not compressed: gzip saved ~10 % on these float rows but roughly tripled the load time. Nothing time- or
/// machine-dependent is written, so the same model always produces the same bytes. Little-endian floats, read
/// back in bulk so loading stays fast.
/// </summary>
public static class ClassifierModelSerializer
{
    private static readonly byte[] Magic = "SCLC"u8.ToArray();
    public const int FormatVersion = 1;

    public static void Save(LinearTextClassifier classifier, Stream output)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(output);
        EnsureLittleEndian();
        var model = classifier.Model;
        // Not disposed: disposing a BufferedStream closes the caller's stream. Flushed explicitly at the end.
        var buffered = new BufferedStream(output, 1 << 16);
        var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(model.Version);
        writer.Write(model.HashBits);
        writer.Write(model.Classes.Count);
        foreach (var c in model.Classes) writer.Write(c);
        writer.Write(model.Temperature);
        writer.Write(model.Threshold);
        writer.Write(MemoryMarshal.AsBytes(model.Bias.AsSpan()));

        var k = model.Classes.Count;
        var rows = new List<int>();
        for (var bucket = 0; bucket <= model.BucketMask; bucket++)
            if (model.Weights.AsSpan(bucket * k, k).ContainsAnyExcept(0f)) rows.Add(bucket);
        writer.Write(rows.Count);
        writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(rows)));
        foreach (var bucket in rows) writer.Write(MemoryMarshal.AsBytes(model.Weights.AsSpan(bucket * k, k)));
        writer.Flush();
        buffered.Flush();
    }

    /// <exception cref="InvalidDataException">Not a model file, or an unsupported format version.</exception>
    public static LinearTextClassifier Load(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        EnsureLittleEndian();
        Span<byte> header = stackalloc byte[8];
        input.ReadExactly(header);
        // Header read straight from the stream; everything after it goes through one buffer.
        if (!header[..4].SequenceEqual(Magic)) throw new InvalidDataException("Not a SCALE categorizer model.");
        var format = BitConverter.ToInt32(header[4..]);
        if (format != FormatVersion) throw new InvalidDataException($"Unsupported model format version {format}.");

        var buffered = new BufferedStream(input, 1 << 16); // not disposed: the caller owns the stream
        var reader = new BinaryReader(buffered, Encoding.UTF8, leaveOpen: true);
        var version = reader.ReadString();
        var hashBits = reader.ReadInt32();
        if (hashBits is < 8 or > 24) throw new InvalidDataException($"Implausible hash size {hashBits}.");
        var k = reader.ReadInt32();
        var classes = new string[k];
        for (var i = 0; i < k; i++) classes[i] = reader.ReadString();
        var temperature = reader.ReadSingle();
        var threshold = reader.ReadSingle();
        var bias = new float[k];
        buffered.ReadExactly(MemoryMarshal.AsBytes(bias.AsSpan()));
        var rowCount = reader.ReadInt32();
        var rows = new int[rowCount];
        buffered.ReadExactly(MemoryMarshal.AsBytes(rows.AsSpan()));
        var weights = new float[(1 << hashBits) * k];
        foreach (var bucket in rows)
        {
            if ((uint)bucket >= (uint)(1 << hashBits)) throw new InvalidDataException("Weight row out of range.");
            buffered.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan(bucket * k, k)));
        }
        return new LinearTextClassifier(new LinearModel(version, classes, hashBits, weights, bias, temperature, threshold));
    }

    public static void SaveToFile(LinearTextClassifier classifier, string path)
    {
        using var file = File.Create(path);
        Save(classifier, file);
    }

    public static LinearTextClassifier LoadFromFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(file);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Model files are little-endian.");
    }
}
