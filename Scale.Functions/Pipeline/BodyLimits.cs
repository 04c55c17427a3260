using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Scale.Functions.Api;

namespace Scale.Functions.Pipeline;

/// <summary>Body size limits per route class (Limits__SmallBodyBytes, ...). Beyond the limit: 413.</summary>
public sealed class BodyLimitOptions
{
    public long SmallBodyBytes { get; set; } = 64 * 1024;
    /// <summary>5,000 import rows with raw objects fit comfortably in 16 MB.</summary>
    public long ImportBodyBytes { get; set; } = 16 * 1024 * 1024;
    /// <summary>Statement files (multipart).</summary>
    public long UploadBodyBytes { get; set; } = 60 * 1024 * 1024;

    public long For(BodyLimit limit) => limit switch
    {
        BodyLimit.None => 0,
        BodyLimit.Small => SmallBodyBytes,
        BodyLimit.Import => ImportBodyBytes,
        BodyLimit.Upload => UploadBodyBytes,
        _ => SmallBodyBytes,
    };

    public IEnumerable<string> Validate()
    {
        if (SmallBodyBytes < 1024 || ImportBodyBytes < SmallBodyBytes || UploadBodyBytes < 1024)
            yield return "Limits: body limits must be at least 1024 bytes and ImportBodyBytes >= SmallBodyBytes.";
    }
}

/// <summary>
/// Enforces the limit twice: up front from Content-Length, and while reading (chunked bodies) by wrapping the body
/// in a stream that throws a 413 <see cref="BadHttpRequestException"/> past the limit. The wrapper works in both
/// hosts, whatever server feature they expose.
/// </summary>
public static class BodyLimitEnforcer
{
    public static bool Exceeds(HttpContext context, long limit) =>
        context.Request.ContentLength is { } length && length > limit;

    public static void Wrap(HttpContext context, long limit)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = Math.Max(limit, 1);
        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
    }

    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
                throw new BadHttpRequestException($"The request body exceeds {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
