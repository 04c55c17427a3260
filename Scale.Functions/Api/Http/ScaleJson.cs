using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scale.Functions.Api.Http;

/// <summary>The API's JSON conventions (API.md): snake_case names, strict numbers, enums as snake_case strings.</summary>
public static class ScaleJson
{
    /// <summary>
    /// One depth limit for what is read and what is written: the deepest body or response is a row's raw object
    /// (<see cref="Scale.Domain.Ingestion.DraftRules.MaxRawDepth"/>) inside an envelope of a few levels
    /// (<c>{items: [{raw: ...}]}</c>, <c>{transactions: [{raw: ...}]}</c>), so every accepted row can be served.
    /// </summary>
    public const int MaxDepth = Scale.Domain.Ingestion.DraftRules.MaxRawDepth + EnvelopeDepth;

    /// <summary>Room for the levels around a raw object, with margin for a response shape that nests one more.</summary>
    public const int EnvelopeDepth = 8;

    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        // "12" is not a number: the contract says money is a JSON number.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.MaxDepth = MaxDepth;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
