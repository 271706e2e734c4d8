using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace CinemaAuthHost.Errors;

/// <summary>
/// The output of one connection. A write that is exactly one of Kestrel's own rejections (a 4xx head with
/// <c>Content-Length: 0</c> and <c>Connection: close</c>, and without the <c>X-Content-Type-Options</c> header that
/// <see cref="Hosting.SecurityHeaders"/> puts on every response of the application) is replaced by the same status with a
/// problem body; everything else is written as it is.
/// </summary>
internal sealed class ProtocolRejectionStream(Stream inner) : Stream
{
    private const int MaxRejectionLength = 512;
    private static readonly byte[] StatusLinePrefix = "HTTP/1.1 4"u8.ToArray();
    private static readonly byte[] EmptyBody = "\r\nContent-Length: 0\r\n"u8.ToArray();
    private static readonly byte[] ConnectionClose = "\r\nConnection: close\r\n"u8.ToArray();
    private static readonly byte[] NoSniff = "X-Content-Type-Options"u8.ToArray();
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(IsRejection(buffer.Span, out var status) ? Problem(status) : buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool IsRejection(ReadOnlySpan<byte> head, out int status)
    {
        status = 0;
        return head.Length <= MaxRejectionLength
            && head.StartsWith(StatusLinePrefix)
            && head.EndsWith(HeadEnd)
            && head.IndexOf(HeadEnd) == head.Length - HeadEnd.Length
            && head.IndexOf(EmptyBody) >= 0
            && head.IndexOf(ConnectionClose) >= 0
            && head.IndexOf(NoSniff) < 0
            && int.TryParse(head.Slice(StatusLinePrefix.Length - 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out status);
    }

    private static byte[] Problem(int status)
    {
        var detail = status switch
        {
            StatusCodes.Status400BadRequest => "The request line or its headers could not be read (for example a NUL character in the path).",
            StatusCodes.Status414UriTooLong => "The request line is too long.",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
            _ => CinemaProblemCodes.DetailForStatus(status),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = status is >= 400 and <= 417 ? $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}" : "https://tools.ietf.org/html/rfc6585#section-5",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["detail"] = detail,
            [ProblemCodeDefaults.CodeExtension] = CinemaProblemCodes.ForStatus(status),
        });
        var head = $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: application/problem+json\r\n" +
            $"Content-Length: {body.Length}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }
}
