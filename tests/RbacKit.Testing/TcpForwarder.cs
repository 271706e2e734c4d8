using System.Net;
using System.Net.Sockets;

namespace RbacKit.Testing;

/// <summary>
/// A loopback TCP forwarder to a server (PostgreSQL, Redis), to cut one host off it and reconnect it without stopping
/// the server every other test shares: while closed nothing listens on <see cref="Port"/> and every forwarded connection was reset; opened again, it listens on
/// the same port.
/// </summary>
public sealed class TcpForwarder(IPEndPoint target) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Socket> _sockets = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _accepting;

    /// <summary>A forwarder to <c>host:port</c> (for example <see cref="TestServers.Redis"/>).</summary>
    public static TcpForwarder To(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        var host = hostAndPort[..colon];
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host)[0];
        return new TcpForwarder(new IPEndPoint(address, int.Parse(hostAndPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The loopback port clients connect to; fixed once first opened.</summary>
    public int Port { get; private set; }

    /// <summary>Whether it listens now.</summary>
    public bool IsOpen => _listener is not null;

    /// <summary>Starts listening (on the same port as before, once one was chosen).</summary>
    public void Open()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The forwarder is already open.");
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _stop = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, _stop.Token);
    }

    /// <summary>Stops listening and resets every forwarded connection, as a database going down would.</summary>
    public async Task CloseAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting!;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _listener = null;
        Socket[] open;
        lock (_gate)
        {
            open = [.. _sockets];
            _sockets.Clear();
        }

        foreach (var socket in open)
        {
            Reset(socket);
        }
    }

    /// <summary>Closes it.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        lock (_gate)
        {
            _sockets.Add(client);
            _sockets.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(target, cancellationToken);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _sockets.Remove(client);
                _sockets.Remove(upstream);
            }

            Reset(client);
            Reset(upstream);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, like a crashed server
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }
}
