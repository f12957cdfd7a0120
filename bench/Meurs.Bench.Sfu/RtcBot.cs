using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Meurs.Media.Dtls;
using Meurs.Media.Srtp;
using Meurs.Media.Stun;

namespace Meurs.Bench.Sfu;

/// <summary>
/// One WebRTC peer connection of a bot, on Meurs.Media's own stack in the browser's roles: a full ICE agent that is
/// always controlling and nominates its one pair (USE-CANDIDATE) and answers the other side's checks; DTLS client or
/// server as the SDP's setup attribute says; SRTP. One UDP socket on 127.0.0.1, BUNDLE and rtcp-mux only.
/// </summary>
/// <remarks>
/// The receive loop is one async loop per socket. Received SRTP is decrypted and handed to <see cref="RtpReceived"/>
/// with the time it came off the socket; RTCP is neither decrypted nor answered (neither SFU needs it for this load:
/// the publishers send keyframes on their own schedule).
/// </remarks>
internal sealed class RtcBot : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ConsentInterval = TimeSpan.FromSeconds(2);
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";

    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly DtlsCertificate certificate;
    private readonly Lock dtlsGate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] protectBuffer = new byte[1600];
    private DtlsContext? context;
    private DtlsTransport? dtls;
    private SrtpSession? srtp;
    private IPEndPoint? remote;
    private string remoteUfrag = "";
    private byte[] remotePassword = [];
    private volatile bool iceConnected;
    private Task? receiveLoop;
    private Task? timerLoop;

    /// <summary>A bot whose socket is bound to <paramref name="address"/> (127.0.0.1 unless the SFU cannot use loopback).</summary>
    public RtcBot(string name, DtlsCertificate certificate, IPAddress? address = null)
    {
        Name = name;
        this.certificate = certificate;
        socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        socket.ReceiveBufferSize = 4 << 20;
        socket.SendBufferSize = 1 << 20;
    }

    public string Name { get; }

    public string Ufrag { get; } = "bot" + Guid.NewGuid().ToString("N")[..8];

    public string Password { get; } = "botpassword" + Guid.NewGuid().ToString("N");

    public DtlsFingerprint Fingerprint => certificate.Fingerprint;

    public IPEndPoint EndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public bool IsStarted => receiveLoop is not null;

    /// <summary>The SRTP protection profile DTLS negotiated, once connected.</summary>
    public SrtpProfile? Profile => srtp?.Profile;

    /// <summary>For failure messages: datagrams received and the loops' states.</summary>
    public string Diagnostics => $"{Name}: {Interlocked.Read(ref Datagrams)} datagrams in, ICE {(iceConnected ? "up" : "down")}, DTLS {dtls?.State}, receive loop {receiveLoop?.Status} {receiveLoop?.Exception?.InnerException?.Message}, timer {timerLoop?.Status} {timerLoop?.Exception?.InnerException?.Message}";

    /// <summary>Completes once DTLS is up and SRTP keys are in place; faults when DTLS fails.</summary>
    public Task Connected => connected.Task;

    /// <summary>Raised on the receive loop for every SRTP packet that decrypts: the plain RTP packet and its Stopwatch receive time.</summary>
    public Action<ReadOnlySpan<byte>, long>? RtpReceived { get; set; }

    /// <summary>Datagrams of any kind that came off the socket.</summary>
    public long Datagrams;

    /// <summary>Starts ICE (checks towards <paramref name="remoteEndPoint"/>) and then DTLS in <paramref name="role"/>.</summary>
    public void Start(IPEndPoint remoteEndPoint, string remoteIceUfrag, string remoteIcePassword, DtlsFingerprint remoteFingerprint, DtlsRole role)
    {
        remote = remoteEndPoint;
        remoteUfrag = remoteIceUfrag;
        remotePassword = Encoding.ASCII.GetBytes(remoteIcePassword);
        context = new DtlsContext(role, certificate);
        dtls = new DtlsTransport(context, remoteFingerprint);
        receiveLoop = Task.Run(ReceiveLoopAsync);
        timerLoop = Task.Run(TimerLoopAsync);
    }

    /// <summary>Protects and sends one RTP packet (from one sending thread only).</summary>
    public bool SendRtp(ReadOnlySpan<byte> rtp)
    {
        if (srtp is not { } session || remote is null || !session.TryProtectRtp(rtp, protectBuffer, out var length))
        {
            return false;
        }
        socket.SendTo(protectBuffer.AsSpan(0, length), SocketFlags.None, remote);
        return true;
    }

    private async Task TimerLoopAsync()
    {
        var lastCheck = 0L;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var interval = iceConnected ? ConsentInterval : CheckInterval;
                if (Stopwatch.GetElapsedTime(lastCheck) >= interval)
                {
                    SendCheck();
                    lastCheck = Stopwatch.GetTimestamp();
                }
                lock (dtlsGate)
                {
                    if (dtls is { State: DtlsState.Connecting, NextTimeout: { } due } && due <= TimeSpan.Zero)
                    {
                        dtls.HandleTimeout();
                        Flush();
                    }
                }
                await Task.Delay(iceConnected && srtp is not null ? 500 : 20, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void SendCheck()
    {
        Span<byte> buffer = stackalloc byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom());
        writer.AddUsername($"{remoteUfrag}:{Ufrag}");
        writer.AddIceControlling(0x0102030405060708);
        writer.AddUseCandidate();
        writer.AddPriority(0x6E7F1EFF);
        writer.AddMessageIntegrity(remotePassword);
        writer.AddFingerprint();
        socket.SendTo(writer.Written, SocketFlags.None, remote!);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(2048, pinned: true);
        var plain = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            var received = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref Datagrams);
            var datagram = buffer.AsSpan(0, result.ReceivedBytes);
            if (datagram.IsEmpty)
            {
                continue;
            }
            var first = datagram[0];
            if (first <= 3)
            {
                OnStun(datagram, (IPEndPoint)result.RemoteEndPoint);
            }
            else if (first is >= 20 and <= 63)
            {
                OnDtls(datagram);
            }
            else if (first is >= 128 and <= 191 && datagram.Length >= 12 && srtp is { } session)
            {
                // RFC 5761 §4: payload types 64–95 (with the marker bit folded in: 192–223) are RTCP.
                var type = datagram[1] & 0x7F;
                if (type is >= 64 and <= 95)
                {
                    continue;
                }
                if (session.TryUnprotectRtp(datagram, plain, out var length))
                {
                    RtpReceived?.Invoke(plain.AsSpan(0, length), received);
                }
            }
        }
    }

    private void OnStun(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        if (!StunReader.TryParse(datagram, out var message))
        {
            if (Verbose)
            {
                Console.Error.WriteLine($"{Name}: unparsable STUN from {from}: {Convert.ToHexString(datagram)}");
            }
            return;
        }
        if (Verbose)
        {
            Console.Error.WriteLine($"{Name}: STUN from {from}: {message}");
        }
        if (message.Type == StunMessageType.BindingRequest)
        {
            // The other side's check (a full agent, or consent freshness): answer with our password (RFC 8445 §7.3).
            if (!message.VerifyMessageIntegrity(Encoding.ASCII.GetBytes(Password)))
            {
                if (Verbose)
                {
                    Console.Error.WriteLine($"{Name}: binding request from {from} fails MESSAGE-INTEGRITY: {message}");
                }
                return;
            }
            Span<byte> buffer = stackalloc byte[256];
            var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, message.TransactionId);
            writer.AddXorMappedAddress(from);
            writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(Password));
            writer.AddFingerprint();
            socket.SendTo(writer.Written, SocketFlags.None, from);
        }
        else if (message.Type == StunMessageType.BindingSuccessResponse && !iceConnected)
        {
            remote = from;
            iceConnected = true;
            lock (dtlsGate)
            {
                if (dtls is { Role: DtlsRole.Client, State: DtlsState.New })
                {
                    dtls.Start();
                    Flush();
                }
            }
        }
    }

    private void OnDtls(ReadOnlySpan<byte> datagram)
    {
        lock (dtlsGate)
        {
            if (dtls is null)
            {
                return;
            }
            dtls.Feed(datagram);
            Flush();
            if (dtls.State == DtlsState.Connected && srtp is null)
            {
                srtp = dtls.CreateSrtpSession();
                connected.TrySetResult();
            }
            else if (dtls.State == DtlsState.Failed)
            {
                connected.TrySetException(new InvalidOperationException($"{Name}: DTLS failed: {dtls.FailureReason}"));
            }
        }
    }

    // Under dtlsGate.
    private void Flush()
    {
        while (dtls!.TryDequeue(out var datagram))
        {
            socket.SendTo(datagram, SocketFlags.None, remote!);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            Task.WhenAll(new[] { receiveLoop, timerLoop }.OfType<Task>()).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        lock (dtlsGate)
        {
            srtp?.Dispose();
            dtls?.Dispose();
            context?.Dispose();
        }
        stop.Dispose();
    }
}
