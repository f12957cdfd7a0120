using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using Meurs.Media.Srtp;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsTransport is one DTLS 1.2 association with one peer over OpenSSL memory BIOs: the owner
/// feeds it the datagrams the demultiplexer classed as DTLS (RFC 7983) and sends whatever it
/// queues. Once the handshake completes and the peer's certificate matches the fingerprint from
/// its SDP (RFC 8122 §5), <see cref="SrtpKeys"/> holds the exported SRTP master keys
/// (RFC 5764 §4.2).
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe: one thread at a time may call it (the owner's receive loop, typically),
/// and timers must be driven on that same serialization. Different transports may run on
/// different threads concurrently.
/// </para>
/// <para>
/// Only the handshake and alerts matter here: WebRTC media is SRTP, so application data (which
/// would be SCTP for data channels) is read and dropped. Retransmission is driven by the owner
/// through <see cref="NextTimeout"/> and <see cref="HandleTimeout"/>; nothing runs in the
/// background (OpenSSL also retransmits from inside <see cref="Feed"/> when it finds the timer
/// already expired). Native memory is held by a SafeHandle and freed on <see cref="Dispose"/>.
/// </para>
/// </remarks>
public sealed unsafe class DtlsTransport : IDisposable, ISrtpKeyingMaterialExporter
{
    /// <summary>
    /// MaxDatagramLength is the largest datagram <see cref="Feed"/> accepts: the largest UDP
    /// payload over IPv4. Longer input cannot have come off a socket and is ignored.
    /// </summary>
    public const int MaxDatagramLength = 65_507;

    /// <summary>
    /// MaxQueuedDatagrams bounds the outgoing queue of an owner that stops draining it; past it
    /// the oldest datagram is dropped, as the network would.
    /// </summary>
    public const int MaxQueuedDatagrams = 64;

    private static readonly byte[] s_exporterLabel = Encoding.ASCII.GetBytes(SrtpSession.DtlsSrtpExporterLabel);

    private readonly SslHandle _ssl;
    private readonly IntPtr _readBio;
    private readonly IntPtr _writeBio;
    private readonly int _mtu;
    private readonly int _maxHandshakeBytes;
    private readonly Queue<byte[]> _outgoing = new();
    private readonly List<byte[]> _packed = [];
    private readonly byte[] _readBuffer = new byte[2048];
    private long _handshakeBytes;
    private bool _disposed;

    /// <summary>
    /// Creates a transport in <paramref name="context"/>'s role that accepts only a peer whose
    /// certificate hashes to <paramref name="remoteFingerprint"/> (from the peer's SDP).
    /// </summary>
    /// <exception cref="ArgumentException">The fingerprint's hash function cannot verify a
    /// certificate (not sha-256, sha-384 or sha-512; RFC 8827 §6.5).</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">OpenSSL could not allocate the session.</exception>
    public DtlsTransport(DtlsContext context, DtlsFingerprint remoteFingerprint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(remoteFingerprint);
        if (!remoteFingerprint.IsVerifiable)
        {
            throw new ArgumentException($"A {remoteFingerprint.HashFunction} fingerprint cannot verify a certificate; use sha-256, sha-384 or sha-512.", nameof(remoteFingerprint));
        }

        ObjectDisposedException.ThrowIf(context.Handle.IsClosed, context);

        Role = context.Role;
        RemoteFingerprint = remoteFingerprint;
        _mtu = context.Options.Mtu;
        _maxHandshakeBytes = context.Options.MaxHandshakeBytes;

        OpenSslErrors.Clear();
        _ssl = new SslHandle(LibSsl.SSL_new(context.Handle));
        if (_ssl.IsInvalid)
        {
            throw new System.Security.Cryptography.CryptographicException(OpenSslErrors.Describe("SSL_new failed"));
        }

        var readBio = LibCrypto.BIO_new(LibCrypto.BIO_s_mem());
        var writeBio = LibCrypto.BIO_new(LibCrypto.BIO_s_mem());
        if (readBio == IntPtr.Zero || writeBio == IntPtr.Zero)
        {
            FreeBio(readBio);
            FreeBio(writeBio);
            _ssl.Dispose();
            throw new System.Security.Cryptography.CryptographicException(OpenSslErrors.Describe("BIO_new failed"));
        }

        // From here the SSL owns both BIOs and SSL_free releases them.
        LibSsl.SSL_set_bio(_ssl, readBio, writeBio);
        _readBio = readBio;
        _writeBio = writeBio;

        // SSL_do_handshake needs the role set on the session, whatever the context's method.
        if (Role == DtlsRole.Server)
        {
            LibSsl.SSL_set_accept_state(_ssl);
        }
        else
        {
            LibSsl.SSL_set_connect_state(_ssl);
        }

        // An empty read BIO must say "retry" (-1), not end-of-file, so OpenSSL waits for more.
        LibCrypto.BIO_ctrl(_readBio, LibCrypto.BioCtrlSetBufMemEofReturn, new CLong(-1), IntPtr.Zero);
        LibSsl.SSL_ctrl(_ssl, LibSsl.SslCtrlSetMtu, new CLong(_mtu), IntPtr.Zero);
        LibSsl.SSL_ctrl(_ssl, LibSsl.DtlsCtrlSetLinkMtu, new CLong(_mtu), IntPtr.Zero);

        var initialMicroseconds = (nint)(context.Options.InitialRetransmitTimeout.Ticks / TimeSpan.TicksPerMicrosecond);
        LibSsl.SSL_set_ex_data(_ssl, LibSsl.AppDataIndex, initialMicroseconds);
        LibSsl.DTLS_set_timer_cb(_ssl, &LibSsl.NextRetransmitTimeout);
    }

    /// <summary>Role is this endpoint's side of the handshake.</summary>
    public DtlsRole Role { get; }

    /// <summary>RemoteFingerprint is the fingerprint the peer's certificate must match.</summary>
    public DtlsFingerprint RemoteFingerprint { get; }

    /// <summary>State is where the association is; see <see cref="DtlsState"/>.</summary>
    public DtlsState State { get; private set; }

    /// <summary>
    /// FailureReason says why the state became Failed, with OpenSSL's error queue appended;
    /// null otherwise.
    /// </summary>
    public string? FailureReason { get; private set; }

    /// <summary>SrtpKeys is the exported keying material; non-null from Connected on.</summary>
    public DtlsSrtpKeys? SrtpKeys { get; private set; }

    /// <summary>
    /// CreateSrtpSession makes the SRTP session of this association once Connected: the negotiated profile, keys
    /// exported with "EXTRACTOR-dtls_srtp" and split per RFC 5764 §4.2, this side writing with its role's keys. The
    /// one way from DTLS to SRTP (<see cref="SrtpSession.FromDtls"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The handshake has not completed.</exception>
    public SrtpSession CreateSrtpSession() =>
        SrtpKeys is { } keys && State == DtlsState.Connected
            ? SrtpSession.FromDtls(this, keys.Profile, isDtlsClient: Role == DtlsRole.Client)
            : throw new InvalidOperationException("The DTLS handshake has not completed.");

    /// <summary>
    /// ExportKeyingMaterial is the TLS exporter of the established association (RFC 5705 §4, no context), through
    /// SSL_export_keying_material.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    /// <exception cref="InvalidOperationException">Not Connected, or OpenSSL refused.</exception>
    public byte[] ExportKeyingMaterial(string label, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (State != DtlsState.Connected)
        {
            throw new InvalidOperationException("Keying material exists only once the handshake has completed.");
        }

        var material = new byte[length];
        var labelBytes = Encoding.ASCII.GetBytes(label);
        fixed (byte* output = material)
        fixed (byte* labelPointer = labelBytes)
        {
            if (LibSsl.SSL_export_keying_material(_ssl, output, (nuint)material.Length, labelPointer, (nuint)labelBytes.Length, null, 0, 0) != 1)
            {
                throw new InvalidOperationException(OpenSslErrors.Describe("SSL_export_keying_material failed"));
            }
        }

        return material;
    }

    /// <summary>CipherSuite is the negotiated suite's OpenSSL name once Connected.</summary>
    public string? CipherSuite { get; private set; }

    /// <summary>
    /// NextTimeout is how long until the handshake retransmission timer expires (zero if it
    /// already has), or null when no timer runs; call <see cref="HandleTimeout"/> then.
    /// </summary>
    public TimeSpan? NextTimeout
    {
        get
        {
            if (_disposed || State is not (DtlsState.Connecting or DtlsState.Connected))
            {
                return null;
            }

            // struct timeval { long tv_sec; long tv_usec; }
            var timeval = stackalloc CLong[2];
            if (LibSsl.SSL_ctrl(_ssl, LibSsl.DtlsCtrlGetTimeout, new CLong(0), (IntPtr)timeval).Value <= 0)
            {
                return null;
            }

            return TimeSpan.FromTicks((timeval[0].Value * TimeSpan.TicksPerSecond) + (timeval[1].Value * TimeSpan.TicksPerMicrosecond));
        }
    }

    /// <summary>PendingDatagrams is how many outgoing datagrams wait in the queue.</summary>
    public int PendingDatagrams => _outgoing.Count;

    /// <summary>
    /// Start begins the handshake: a client queues its ClientHello, a server just waits
    /// (<see cref="Feed"/> also starts a server). Does nothing unless the state is New.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (State != DtlsState.New)
        {
            return;
        }

        State = DtlsState.Connecting;
        if (Role == DtlsRole.Client)
        {
            OpenSslErrors.Clear();
            AdvanceHandshake();
            DrainWriteBio();
        }
    }

    /// <summary>
    /// Feed processes one received datagram (one or more DTLS records, handed to OpenSSL one
    /// record at a time). Replies, if any, are queued for <see cref="TryDequeue"/>. Empty or oversized input, input after Failed or
    /// Closed, and application data are ignored; malformed records are dropped by OpenSSL as
    /// RFC 6347 §4.1.2.7 asks. Never throws for any content.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public void Feed(ReadOnlySpan<byte> datagram)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (datagram.IsEmpty || datagram.Length > MaxDatagramLength || State is DtlsState.Failed or DtlsState.Closed)
        {
            return;
        }

        if (State == DtlsState.New)
        {
            if (Role == DtlsRole.Client)
            {
                // A client that has not said ClientHello expects nothing yet.
                return;
            }

            State = DtlsState.Connecting;
        }

        if (State == DtlsState.Connecting)
        {
            _handshakeBytes += datagram.Length;
            if (_handshakeBytes > _maxHandshakeBytes)
            {
                Fail($"More than {_maxHandshakeBytes} bytes received before the handshake completed");
                return;
            }
        }

        OpenSslErrors.Clear();
        var remaining = datagram;
        while (!remaining.IsEmpty && State is DtlsState.Connecting or DtlsState.Connected)
        {
            var length = DtlsRecordFraming.NextRecordLength(remaining);
            if (!IsTooShortToBeProtected(remaining[..length]))
            {
                ProcessRecord(remaining[..length]);
            }

            remaining = remaining[length..];
        }

        DrainWriteBio();
    }

    /// <summary>
    /// TryDequeue takes the next datagram to send, each at most the context's MTU; false when
    /// none is waiting.
    /// </summary>
    public bool TryDequeue([NotNullWhen(true)] out byte[]? datagram) => _outgoing.TryDequeue(out datagram);

    /// <summary>
    /// HandleTimeout retransmits the last flight if the timer has expired (RFC 6347 §4.2.4),
    /// queueing the datagrams. True if it retransmitted. After too many expiries without
    /// progress OpenSSL gives up and the transport fails.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public bool HandleTimeout()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (State is not (DtlsState.Connecting or DtlsState.Connected))
        {
            return false;
        }

        OpenSslErrors.Clear();
        var result = LibSsl.SSL_ctrl(_ssl, LibSsl.DtlsCtrlHandleTimeout, new CLong(0), IntPtr.Zero).Value;
        if (result < 0)
        {
            Fail(OpenSslErrors.Describe("Handshake retransmission limit reached"));
            return false;
        }

        DrainWriteBio();
        return result > 0;
    }

    /// <summary>
    /// Close ends the association: once Connected it queues a close_notify alert
    /// (RFC 5246 §7.2.1) for the owner to send. The state becomes Closed; keys stay readable.
    /// Does nothing when already Failed or Closed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public void Close()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (State is DtlsState.Failed or DtlsState.Closed)
        {
            return;
        }

        OpenSslErrors.Clear();
        if (State == DtlsState.Connected)
        {
            LibSsl.SSL_shutdown(_ssl);
            DrainWriteBio();
        }

        OpenSslErrors.Clear();
        State = DtlsState.Closed;
    }

    /// <summary>
    /// Dispose frees the OpenSSL session and its BIOs without sending anything (call
    /// <see cref="Close"/> first for a close_notify). Idempotent.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (State is not DtlsState.Failed)
        {
            State = DtlsState.Closed;
        }

        _outgoing.Clear();
        _ssl.Dispose();
    }

    private static void FreeBio(IntPtr bio)
    {
        if (bio != IntPtr.Zero)
        {
            _ = LibCrypto.BIO_free(bio);
        }
    }

    // OpenSSL 3.0 wedges on a protected record (epoch above 0) shorter than its AEAD nonce and
    // tag: SSL_read/SSL_do_handshake keep failing with an empty error queue and later records
    // are never read. Such a record cannot be valid, so it is dropped here as RFC 6347
    // §4.1.2.7 asks. Overhead: AES-GCM 8-byte explicit nonce + 16-byte tag (RFC 5288 §3),
    // ChaCha20-Poly1305 16-byte tag (RFC 7905 §2); before a suite is known, the larger.
    private bool IsTooShortToBeProtected(ReadOnlySpan<byte> record)
    {
        if (!DtlsRecordFraming.TryReadHeader(record, out var epoch, out var declaredLength) || epoch == 0 || declaredLength == 0)
        {
            return false;
        }

        var cipher = LibSsl.SSL_get_current_cipher(_ssl);
        var name = cipher == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(LibSsl.SSL_CIPHER_get_name(cipher));
        var overhead = name is not null && name.Contains("CHACHA20", StringComparison.Ordinal) ? 16 : 24;
        return declaredLength < overhead;
    }

    private void ProcessRecord(ReadOnlySpan<byte> record)
    {
        fixed (byte* data = record)
        {
            if (LibCrypto.BIO_write(_readBio, data, record.Length) != record.Length)
            {
                Fail(OpenSslErrors.Describe("BIO_write to the read BIO failed"));
                return;
            }
        }

        if (State == DtlsState.Connecting)
        {
            AdvanceHandshake();
        }

        if (State == DtlsState.Connected)
        {
            ReadApplicationData();
        }

        // OpenSSL reads whatever the BIO holds as one packet, so nothing may be left over to
        // merge with the next record (and nothing may accumulate).
        if (LibCrypto.BIO_ctrl_pending(_readBio) != 0)
        {
            LibCrypto.BIO_ctrl(_readBio, LibCrypto.BioCtrlReset, new CLong(0), IntPtr.Zero);
        }
    }

    private void AdvanceHandshake()
    {
        var result = LibSsl.SSL_do_handshake(_ssl);
        if (result == 1)
        {
            CompleteHandshake();
            return;
        }

        var error = LibSsl.SSL_get_error(_ssl, result);
        if (IsRetry(error))
        {
            return;
        }

        Fail(OpenSslErrors.Describe($"Handshake failed (SSL_do_handshake {result}, SSL_get_error {error})"));
    }

    private void CompleteHandshake()
    {
        using var peer = new X509Handle(LibSsl.SSL_get1_peer_certificate(_ssl));
        if (peer.IsInvalid)
        {
            Fail("The peer presented no certificate");
            return;
        }

        var der = PeerCertificateDer(peer);
        if (der is null)
        {
            Fail(OpenSslErrors.Describe("i2d_X509 failed on the peer certificate"));
            return;
        }

        if (!RemoteFingerprint.Matches(der))
        {
            Fail($"The peer certificate does not match the expected {RemoteFingerprint.HashFunction} fingerprint");
            return;
        }

        var profile = LibSsl.SSL_get_selected_srtp_profile(_ssl);
        if (profile == IntPtr.Zero)
        {
            Fail("No SRTP protection profile was negotiated (RFC 5764 §4.1.1)");
            return;
        }

        // SRTP_PROTECTION_PROFILE { const char *name; unsigned long id; }
        var id = ((CULong*)(profile + IntPtr.Size))->Value;
        if (id > ushort.MaxValue || !((SrtpProfile)id).IsSupported)
        {
            Fail($"Unexpected SRTP protection profile 0x{id:X}");
            return;
        }

        var negotiated = (SrtpProfile)id;
        var material = new byte[SrtpMasterKeys.DtlsKeyingMaterialLength(negotiated)];
        try
        {
            fixed (byte* output = material)
            fixed (byte* label = s_exporterLabel)
            {
                if (LibSsl.SSL_export_keying_material(_ssl, output, (nuint)material.Length, label, (nuint)s_exporterLabel.Length, null, 0, 0) != 1)
                {
                    Fail(OpenSslErrors.Describe("SSL_export_keying_material failed"));
                    return;
                }
            }

            SrtpKeys = DtlsSrtpKeys.FromExporterOutput(negotiated, material);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
        }

        var cipher = LibSsl.SSL_get_current_cipher(_ssl);
        CipherSuite = cipher == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(LibSsl.SSL_CIPHER_get_name(cipher));
        State = DtlsState.Connected;
    }

    private static byte[]? PeerCertificateDer(X509Handle peer)
    {
        var length = LibCrypto.i2d_X509(peer, null);
        if (length <= 0)
        {
            return null;
        }

        var der = new byte[length];
        fixed (byte* start = der)
        {
            var cursor = start;
            return LibCrypto.i2d_X509(peer, &cursor) == length ? der : null;
        }
    }

    private void ReadApplicationData()
    {
        fixed (byte* buffer = _readBuffer)
        {
            while (true)
            {
                var result = LibSsl.SSL_read(_ssl, buffer, _readBuffer.Length);
                if (result > 0)
                {
                    // Application data: no SCTP here, dropped.
                    continue;
                }

                var error = LibSsl.SSL_get_error(_ssl, result);
                switch (error)
                {
                    case var _ when IsRetry(error):
                        return;
                    case LibSsl.SslErrorZeroReturn:
                        // The peer's close_notify; answer with ours (RFC 5246 §7.2.1).
                        LibSsl.SSL_shutdown(_ssl);
                        OpenSslErrors.Clear();
                        State = DtlsState.Closed;
                        return;
                    default:
                        Fail(OpenSslErrors.Describe($"Connection failed (SSL_read {result}, SSL_get_error {error})"));
                        return;
                }
            }
        }
    }

    // WANT_READ/WANT_WRITE mean "feed me more"; anything else (SSL_ERROR_SSL with the reason
    // queued, or SSL_ERROR_SYSCALL, which memory BIOs never cause legitimately) ends the session.
    private static bool IsRetry(int error) => error is LibSsl.SslErrorWantRead or LibSsl.SslErrorWantWrite;

    private void Fail(string reason)
    {
        // After a completed handshake the peer is told with a close_notify; during it, OpenSSL
        // has already queued its own fatal alert.
        if (LibSsl.SSL_is_init_finished(_ssl) == 1)
        {
            LibSsl.SSL_shutdown(_ssl);
        }

        OpenSslErrors.Clear();
        FailureReason = reason;
        State = DtlsState.Failed;
        DrainWriteBio();
    }

    private void DrainWriteBio()
    {
        while (true)
        {
            var pending = (int)Math.Min(LibCrypto.BIO_ctrl_pending(_writeBio), int.MaxValue);
            if (pending <= 0)
            {
                return;
            }

            var bytes = new byte[pending];
            int read;
            fixed (byte* data = bytes)
            {
                read = LibCrypto.BIO_read(_writeBio, data, pending);
            }

            if (read <= 0)
            {
                return;
            }

            _packed.Clear();
            DtlsRecordFraming.Pack(bytes.AsSpan(0, read), _mtu, _packed);
            foreach (var datagram in _packed)
            {
                if (_outgoing.Count >= MaxQueuedDatagrams)
                {
                    _outgoing.Dequeue();
                }

                _outgoing.Enqueue(datagram);
            }
        }
    }
}
