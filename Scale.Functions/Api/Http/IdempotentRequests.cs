using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Idempotency;

namespace Scale.Functions.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> (API.md) for the routes that create something: import, statement upload, training job and
/// training upload. The first request with a key runs; its 2xx response is stored and replayed (status, body,
/// Location, plus <c>Idempotent-Replayed: true</c>) to every retry with the same key and the same request within
/// 24 hours. The same key with another route or body is 422; a retry while the first still runs is 409 with
/// Retry-After. A response that is not 2xx is not stored: nothing was created, so a corrected retry may reuse the key.
/// Handlers opt in by wrapping their work in <see cref="RunAsync"/>, which works in both hosts because it acts on
/// the handler's <see cref="IResult"/> (the Functions worker executes results after the middleware has returned).
/// </summary>
public sealed class IdempotentRequests(IdempotencyKeyStore store, ILogger<IdempotentRequests> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    public const int InProgressRetryAfterSeconds = 2;

    public async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValue(HeaderName, out var values)) return await handler();
        if (values.Count != 1 || !IsValidKey(values[0]))
            return Problems.BadRequest("invalid_idempotency_key",
                $"Send one {HeaderName} of 1 to {MaxKeyLength} visible ASCII characters (a UUID is a good key).");
        var key = values[0]!;
        var fingerprint = await RequestFingerprint.ComputeAsync(request, cancellationToken);
        if (fingerprint is null) return await handler(); // unreadable form: the handler answers its 400, nothing is created
        var userId = request.UserId();

        switch (await store.ClaimAsync(userId, key, fingerprint, cancellationToken))
        {
            case IdempotencyClaim.Replay replay:
                return new ReplayedResult(replay.Response);
            case IdempotencyClaim.Mismatch:
                return Problems.Unprocessable("idempotency_key_reused",
                    $"This {HeaderName} was already used with a different request in the last 24 hours; use a new key for a new request.");
            case IdempotencyClaim.InProgress:
                var busy = Problems.Conflict("idempotency_key_in_progress",
                    $"A request with this {HeaderName} is still running; retry after {InProgressRetryAfterSeconds} seconds to get its response.");
                busy.Headers["Retry-After"] = InProgressRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return busy;
        }

        IResult result;
        try
        {
            result = await handler();
        }
        catch
        {
            await ReleaseQuietlyAsync(userId, key);
            throw;
        }
        return new RecordingResult(result, response => FinishAsync(userId, key, response));
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is > ' ' and <= '~');

    private async Task FinishAsync(string userId, string key, StoredResponse response)
    {
        // The work has happened and the client is owed its response whatever the key store says: a store failure is
        // logged, and the claim then lapses after IdempotencyKeyStore.AbandonedAfter.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            if (response.StatusCode is >= 200 and < 300) await store.CompleteAsync(userId, key, response, timeout.Token);
            else await store.ReleaseAsync(userId, key, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the response to an idempotent request for {UserId}", userId);
        }
    }

    private async Task ReleaseQuietlyAsync(string userId, string key)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await store.ReleaseAsync(userId, key, timeout.Token); }
        catch (Exception ex) { logger.LogWarning(ex, "Could not release an idempotency claim for {UserId}", userId); }
    }

    /// <summary>Executes the handler's result into a buffer, hands the response to the store, then sends it.</summary>
    private sealed class RecordingResult(IResult inner, Func<StoredResponse, Task> record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await inner.ExecuteAsync(httpContext);
            }
            finally
            {
                response.Body = original;
            }
            var location = response.Headers.Location.ToString();
            await record(new StoredResponse(response.StatusCode, response.ContentType, location.Length == 0 ? null : location, buffer.ToArray()));
            buffer.Position = 0;
            await buffer.CopyToAsync(original, httpContext.RequestAborted);
        }
    }

    private sealed class ReplayedResult(StoredResponse stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = stored.StatusCode;
            if (stored.ContentType is not null) response.ContentType = stored.ContentType;
            if (stored.Location is not null) response.Headers.Location = stored.Location;
            response.Headers.CacheControl = "no-store";
            response.Headers[ReplayedHeader] = "true";
            await response.Body.WriteAsync(stored.Body, httpContext.RequestAborted);
        }
    }
}
