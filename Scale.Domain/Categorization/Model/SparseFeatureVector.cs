using Microsoft.ML.Data;

namespace Scale.Domain.Categorization;

/// <summary>
/// Hashed features as an ML.NET sparse vector: hash collisions within a row add up (as the hand-written scorer adds
/// them), and ML.NET wants each index once and in ascending order. Sorted arrays, not a sorted dictionary: this runs
/// once per row on every classify with a user model.
/// </summary>
internal static class SparseFeatureVector
{
    /// <param name="extraIndex">An index past every feature bucket to set after them (-1: none), e.g. the user
    /// model's slot for the base model's opinion.</param>
    public static VBuffer<float> From(ReadOnlySpan<Feature> features, int width, int extraIndex = -1, float extraValue = 0)
    {
        var count = features.Length;
        var keys = new int[count + 1];
        var values = new float[count + 1];
        for (var i = 0; i < count; i++) (keys[i], values[i]) = (features[i].Bucket, features[i].Value);
        Array.Sort(keys, values, 0, count);
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            if (length > 0 && keys[length - 1] == keys[i]) values[length - 1] += values[i];
            else (keys[length], values[length++]) = (keys[i], values[i]);
        }
        if (extraIndex >= 0) (keys[length], values[length++]) = (extraIndex, extraValue);
        return new VBuffer<float>(width, length, values, keys);
    }
}
