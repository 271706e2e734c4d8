using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Kestrel answers a request it cannot parse itself, before any middleware runs, with an empty body: a NUL in the decoded
/// path (<c>PUT /series/%00</c>) is 400, a request line over the limit 414, too many or too large headers 431. This
/// connection middleware gives those answers the host's problem shape (<c>application/problem+json</c> with a stable
/// <c>code</c>); every response of the application itself passes through untouched. Plain HTTP/1.1 endpoints only: on
/// an https endpoint the middleware sees encrypted bytes and leaves them alone.
/// </summary>
internal static class ProtocolRejectionProblems
{
    public static void Use(ListenOptions listen) => listen.Use(next => async connection =>
    {
        var original = connection.Transport;
        var output = PipeWriter.Create(new ProtocolRejectionStream(original.Output.AsStream(leaveOpen: true)), new StreamPipeWriterOptions(leaveOpen: false));
        connection.Transport = new RewrittenDuplexPipe(original.Input, output);
        try
        {
            await next(connection);
        }
        finally
        {
            await output.CompleteAsync();
            connection.Transport = original;
        }
    });
}
