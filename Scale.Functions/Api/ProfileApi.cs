using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Profiles;
using Scale.Functions.Pipeline.Auth;

namespace Scale.Functions.Api;

/// <summary>GET /profile and PUT /settings.</summary>
public sealed class ProfileApi(ProfileStore store)
{
    public sealed record ProfileResponse(string UserId, string? DisplayName, string Currency, string Timezone, DateTime CreatedAt)
    {
        public static ProfileResponse From(Profile p) => new(p.UserId, p.DisplayName, p.Currency, p.Timezone, DateTime.SpecifyKind(p.CreatedAt, DateTimeKind.Utc));
    }

    /// <summary>PUT /settings body. Absent fields are left as they are; display_name null clears it.</summary>
    public sealed class SettingsRequest
    {
        /// <summary>Undefined when absent, Null when sent as null: the two mean different things.</summary>
        public JsonElement DisplayName { get; set; }
        public string? Currency { get; set; }
        public string? Timezone { get; set; }
    }

    private static readonly HashSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .Where(c => c is { Length: 3 }).Select(c => c!).ToHashSet(StringComparer.Ordinal);

    public async Task<IResult> GetProfile(HttpRequest request, CancellationToken cancellationToken)
    {
        var nameHint = ScaleClaims.GetDisplayNameHint(request.HttpContext.User);
        var profile = await store.GetOrCreateAsync(request.UserId(), nameHint, cancellationToken);
        return TypedResults.Ok(ProfileResponse.From(profile));
    }

    public async Task<IResult> UpdateSettings(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SettingsRequest>(request, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        var settings = body.Value!;

        var errors = new Dictionary<string, string[]>();
        string? displayName = null;
        var element = settings.DisplayName;
        var setDisplayName = element.ValueKind != JsonValueKind.Undefined;
        if (setDisplayName)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                displayName = element.GetString()!.Trim();
                if (displayName.Length is 0 or > 100) errors["display_name"] = ["Must be 1 to 100 characters."];
                else if (displayName.Any(char.IsControl)) errors["display_name"] = ["Must not contain control characters."];
            }
            else if (element.ValueKind != JsonValueKind.Null) errors["display_name"] = ["Must be a string or null."];
        }

        var currency = settings.Currency?.Trim().ToUpperInvariant();
        if (settings.Currency is not null && (currency is null || !Currencies.Contains(currency)))
            errors["currency"] = ["Must be an ISO 4217 currency code such as INR."];

        var timezone = settings.Timezone?.Trim();
        if (settings.Timezone is not null && !IsIanaTimezone(timezone))
            errors["timezone"] = ["Must be an IANA time zone such as Asia/Kolkata."];

        if (errors.Count > 0) return Problems.Validation(errors);
        var profile = await store.UpdateAsync(request.UserId(), new ProfileChanges(displayName, setDisplayName, currency, timezone), cancellationToken);
        return TypedResults.Ok(ProfileResponse.From(profile));
    }

    private static bool IsIanaTimezone(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.Contains('/', StringComparison.Ordinal) &&
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
