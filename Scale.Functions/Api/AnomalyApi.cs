using System.Globalization;
using Microsoft.AspNetCore.Http;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Anomalies;
using Scale.Functions.Infrastructure.Transactions;
using static Scale.Functions.Api.Http.QueryParameters;

namespace Scale.Functions.Api;

/// <summary>
/// GET /anomaly/alerts (the caller's stored alerts, newest first, keyset-paginated) and
/// POST /anomaly/alerts/{alert_id}/dismiss. Alerts are computed after each change to the user's transactions
/// (<see cref="AnomalyAlertsListener"/> marks, <see cref="AnomalyRecomputeJob"/> recomputes); these handlers only
/// read and record dismissals.
/// </summary>
public sealed class AnomalyApi(AnomalyAlertStore store, AnomalyRecomputeRequests recomputeRequests, PageCursors cursors)
{
    /// <summary>Two years of history yield tens of alerts; a page bounds the response for a user with thousands.</summary>
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public sealed record AlertResponse(string AlertId, string TransactionId, string Kind, double Score, string Explanation,
        DateOnly Date, decimal Amount, string Description, bool Dismissed)
    {
        public static AlertResponse From(StoredAlert a) => new(a.AlertId.ToString(), a.TransactionId.ToString(CultureInfo.InvariantCulture),
            a.Kind, Math.Round(a.Score, 3), a.Explanation, a.Date, a.Amount, a.Description, a.Dismissed);
    }

    /// <param name="Pending">The user's transactions changed since the alerts were computed (extension).</param>
    public sealed record AlertPage(IReadOnlyList<AlertResponse> Alerts, string? NextCursor, bool Pending);

    public async Task<IResult> ListAlerts(HttpRequest request, CancellationToken cancellationToken)
    {
        var userId = request.UserId();
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var since = ReadDate(request.Query, "since", Error);
        var limit = ReadLimit(request.Query, DefaultLimit, MaxLimit, Error);
        (DateOnly, Guid)? after = null;
        if (One(request.Query, "cursor", Error) is { } cursor)
        {
            if (cursors.TryReadAlert(userId, cursor, out var date, out var id)) after = (date, id);
            else Error("cursor", "Is not a cursor this API issued to you; start again without it.");
        }
        if (errors.Count > 0) return Problems.Validation(errors);

        // The mark is read first: a recompute that finishes in between makes the answer stale-but-pending, never
        // stale-but-"fresh".
        var pending = await recomputeRequests.IsPendingAsync(userId, cancellationToken);
        var alerts = await store.ListAsync(userId, since, after, limit, cancellationToken);
        string? next = null;
        if (alerts.Count > limit)
        {
            var last = alerts[limit - 1];
            next = cursors.ForAlert(userId, last.Date, last.AlertId);
        }
        return TypedResults.Ok(new AlertPage(alerts.Take(limit).Select(AlertResponse.From).ToList(), next, pending));
    }

    public async Task<IResult> DismissAlert(HttpRequest request, string alertId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(alertId, out var id))
            return Problems.Validation("alert_id", "Must be an alert id (a UUID).");
        // Another user's alert is indistinguishable from a missing one. Dismissing twice is still 204.
        return await store.DismissAsync(request.UserId(), id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("No alert with this id.");
    }
}
