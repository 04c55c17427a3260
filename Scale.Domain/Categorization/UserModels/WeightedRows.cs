using Microsoft.ML.Data;

namespace Scale.Domain.Categorization.UserModels;

/// <summary>
/// Identical training rows folded into one weighted row (see <see cref="UserModelTrainingSettings.MergeIdenticalRows"/>),
/// in order of first occurrence, so the same examples always give the same rows in the same order (training is
/// reproducible).
/// </summary>
internal static class WeightedRows
{
    public static List<UserModelRow> Merge(IReadOnlyList<LabelledExample> examples, IReadOnlyList<VBuffer<float>> features)
    {
        var rows = new List<UserModelRow>();
        var index = new Dictionary<RowKey, UserModelRow>();
        for (var i = 0; i < examples.Count; i++)
        {
            var key = new RowKey(examples[i].Category, features[i]);
            if (index.TryGetValue(key, out var row)) row.Weight++;
            else
            {
                row = new UserModelRow { Label = examples[i].Category, Features = features[i] };
                index.Add(key, row);
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>A label and a sparse vector compared by value (indices are sorted and unique, see <see cref="UserModelFeatures"/>).</summary>
    private readonly struct RowKey : IEquatable<RowKey>
    {
        private readonly string _label;
        private readonly int[] _indices;
        private readonly float[] _values;
        private readonly int _hash;

        public RowKey(string label, VBuffer<float> features)
        {
            _label = label;
            _indices = features.GetIndices().ToArray();
            _values = features.GetValues().ToArray();
            var hash = new HashCode();
            hash.Add(label, StringComparer.Ordinal);
            foreach (var i in _indices) hash.Add(i);
            foreach (var v in _values) hash.Add(v);
            _hash = hash.ToHashCode();
        }

        public bool Equals(RowKey other) =>
            _hash == other._hash && string.Equals(_label, other._label, StringComparison.Ordinal)
            && _indices.AsSpan().SequenceEqual(other._indices) && _values.AsSpan().SequenceEqual(other._values);

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
