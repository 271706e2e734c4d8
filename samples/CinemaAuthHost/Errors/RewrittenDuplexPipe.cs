using System.IO.Pipelines;

namespace CinemaAuthHost.Errors;

/// <summary>A connection's transport with its output replaced.</summary>
internal sealed class RewrittenDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
