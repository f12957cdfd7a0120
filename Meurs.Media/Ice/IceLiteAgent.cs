using System.Net;
using System.Text;
using Meurs.Media.Stun;

namespace Meurs.Media.Ice;

/// <summary>
/// IceLiteAgent is the ICE-lite side of one ICE session (RFC 8445 §2.5): it never sends checks,
/// only answers the full agent's Binding requests (§7.3), learns the pair the full agent
/// nominates, and treats the requests arriving on that pair as consent (RFC 7675).
/// </summary>
/// <remarks>
/// <para>
/// Transport-agnostic: the caller receives datagrams, routes them here (by the local ufrag from
/// <see cref="TryGetLocalUfrag"/>), and sends whatever response is written back to the sender.
/// A lite agent is always controlled (RFC 8445 §6.1.1), so the full agent must send
/// ICE-CONTROLLING.
/// </para>
/// <para>
/// Requests are checked in the order RFC 8489 gives: well-formed STUN and Binding request (§6.3),
/// FINGERPRINT (§14.7; missing or wrong: dropped), USERNAME and MESSAGE-INTEGRITY present (§9.1.3;
/// else 400), USERNAME is "localUfrag:remoteUfrag" and MESSAGE-INTEGRITY verifies with the local
/// password (§9.1.3; else 401, without MESSAGE-INTEGRITY), no unknown comprehension-required
/// attributes (§6.3.1; else 420), then ICE's role check (RFC 8445 §7.3.1.1; ICE-CONTROLLED means
/// both sides are controlled: 487). Responses to authenticated requests carry
/// MESSAGE-INTEGRITY keyed with the local password; every response ends with FINGERPRINT.
/// </para>
/// <para>
/// Tuples are compared with <see cref="IPEndPoint.Equals(object)"/>, so the transport must
/// report a peer's address in one form (not sometimes IPv4 and sometimes IPv4-mapped IPv6).
/// </para>
/// <para>Thread-safe: requests and consent checks may come from different threads.</para>
/// </remarks>
public sealed class IceLiteAgent
{
    /// <summary>
    /// MaxResponseLength is the largest response the agent writes, in bytes; the response buffer
    /// given to <see cref="HandleBindingRequest"/> must be at least this long.
    /// </summary>
    public const int MaxResponseLength = 160;

    // A 420 lists at most this many types, so the response cannot outgrow MaxResponseLength
    // however many unknown attributes the request carries.
    private const int MaxListedUnknownAttributes = 16;

    private readonly byte[] key;
    private readonly byte[] expectedUsername;
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private IceState state;
    private IPEndPoint? selectedEndPoint;
    private long lastConsentTimestamp;

    /// <summary>
    /// Creates an agent for one ICE session, in state <see cref="IceState.New"/>.
    /// </summary>
    /// <param name="localUfrag">Our ice-ufrag, as put in our SDP (e.g. from
    /// <see cref="IceCredentials.GenerateUfrag"/>).</param>
    /// <param name="localPassword">Our ice-pwd, as put in our SDP; the key of every
    /// MESSAGE-INTEGRITY in both directions (RFC 8445 §7.2.2).</param>
    /// <param name="remoteUfrag">The full agent's ice-ufrag from its SDP.</param>
    /// <param name="remotePassword">The full agent's ice-pwd, if known. A lite agent sends no
    /// checks, so it is kept for the caller but never used.</param>
    /// <param name="timeProvider">The clock for consent freshness.</param>
    /// <param name="consentTimeout">How long consent lasts without a valid request from the
    /// selected tuple; default 30 s (RFC 7675 §5.1). Must be positive.</param>
    /// <exception cref="ArgumentException">A ufrag or password breaks the ice-char grammar of
    /// RFC 8839 §5.4.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="consentTimeout"/> is not positive.</exception>
    public IceLiteAgent(
        string localUfrag,
        string localPassword,
        string remoteUfrag,
        string? remotePassword,
        TimeProvider timeProvider,
        TimeSpan? consentTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!IceCredentials.IsValidUfrag(localUfrag))
        {
            throw new ArgumentException("The local ufrag must be 4..256 ice-chars (RFC 8839 §5.4).", nameof(localUfrag));
        }

        if (!IceCredentials.IsValidPassword(localPassword))
        {
            throw new ArgumentException("The local password must be 22..256 ice-chars (RFC 8839 §5.4).", nameof(localPassword));
        }

        if (!IceCredentials.IsValidUfrag(remoteUfrag))
        {
            throw new ArgumentException("The remote ufrag must be 4..256 ice-chars (RFC 8839 §5.4).", nameof(remoteUfrag));
        }

        var timeout = consentTimeout ?? DefaultConsentTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(consentTimeout));

        LocalUfrag = localUfrag;
        LocalPassword = localPassword;
        RemoteUfrag = remoteUfrag;
        RemotePassword = remotePassword;
        ConsentTimeout = timeout;
        this.timeProvider = timeProvider;

        // ice-chars are ASCII, for which RFC 8489 §9.1.1's OpaqueString processing is the
        // identity, so the key is the password's bytes.
        key = Encoding.ASCII.GetBytes(localPassword);

        // RFC 8445 §7.2.2: the full agent's requests carry "our-ufrag:its-ufrag".
        expectedUsername = Encoding.ASCII.GetBytes($"{localUfrag}:{remoteUfrag}");
    }

    /// <summary>DefaultConsentTimeout is RFC 7675 §5.1's 30 seconds.</summary>
    public static TimeSpan DefaultConsentTimeout => TimeSpan.FromSeconds(30);

    /// <summary>LocalUfrag is our ice-ufrag.</summary>
    public string LocalUfrag { get; }

    /// <summary>LocalPassword is our ice-pwd.</summary>
    public string LocalPassword { get; }

    /// <summary>RemoteUfrag is the full agent's ice-ufrag.</summary>
    public string RemoteUfrag { get; }

    /// <summary>RemotePassword is the full agent's ice-pwd, if given; unused by a lite agent.</summary>
    public string? RemotePassword { get; }

    /// <summary>ConsentTimeout is how long consent lasts without a valid request from the selected tuple.</summary>
    public TimeSpan ConsentTimeout { get; }

    /// <summary>State is the agent's current state.</summary>
    public IceState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>
    /// SelectedEndPoint is the remote transport address of the nominated pair, where media goes;
    /// null until a valid request with USE-CANDIDATE arrives. It stays set while
    /// <see cref="IceState.Disconnected"/>, so consent can be regained on it.
    /// </summary>
    public IPEndPoint? SelectedEndPoint
    {
        get
        {
            lock (gate)
            {
                return selectedEndPoint;
            }
        }
    }

    /// <summary>
    /// TryGetUsername reads the USERNAME of a STUN Binding request without parsing the whole
    /// message or allocating, so a shared port can route the datagram to its agent.
    /// </summary>
    /// <param name="datagram">The received UDP payload.</param>
    /// <param name="username">The USERNAME value as sent, e.g. "localUfrag:remoteUfrag", as a
    /// slice of <paramref name="datagram"/>.</param>
    /// <returns>False when the datagram is not a well-formed Binding request with a USERNAME
    /// before any MESSAGE-INTEGRITY. Nothing is authenticated yet.</returns>
    public static bool TryGetUsername(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> username)
    {
        username = default;
        return StunReader.TryReadHeader(datagram, out var type, out _, out _)
            && type == StunMessageType.BindingRequest
            && StunReader.TryFindAttribute(datagram, StunAttributeType.Username, out username);
    }

    /// <summary>
    /// TryGetLocalUfrag reads the part of a Binding request's USERNAME before the first ':',
    /// which is the receiving (our) agent's ufrag (RFC 8445 §7.2.2).
    /// </summary>
    /// <param name="datagram">The received UDP payload.</param>
    /// <param name="localUfrag">The ufrag bytes (ASCII for valid peers), a slice of
    /// <paramref name="datagram"/>.</param>
    /// <returns>False when <see cref="TryGetUsername"/> fails or the USERNAME has no ':'.</returns>
    public static bool TryGetLocalUfrag(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> localUfrag)
    {
        localUfrag = default;
        if (!TryGetUsername(datagram, out var username))
        {
            return false;
        }

        var colon = username.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        localUfrag = username[..colon];
        return true;
    }

    /// <summary>
    /// HandleBindingRequest processes one datagram the transport believes belongs to this agent
    /// and writes the response to send back to <paramref name="from"/>, if any.
    /// </summary>
    /// <param name="datagram">The received UDP payload; any bytes.</param>
    /// <param name="from">The sender's transport address. A valid USE-CANDIDATE request selects
    /// it; XOR-MAPPED-ADDRESS reflects it (an IPv4-mapped IPv6 address as IPv4).</param>
    /// <param name="response">At least <see cref="MaxResponseLength"/> bytes.</param>
    /// <param name="written">Bytes of <paramref name="response"/> to send; 0 when
    /// <see cref="IceResult.Dropped"/>.</param>
    /// <returns>What happened; see <see cref="IceResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="response"/> is shorter than
    /// <see cref="MaxResponseLength"/>.</exception>
    /// <remarks>Never throws because of the datagram's content.</remarks>
    public IceResult HandleBindingRequest(ReadOnlySpan<byte> datagram, IPEndPoint from, Span<byte> response, out int written)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (response.Length < MaxResponseLength)
        {
            throw new ArgumentException($"The response buffer must hold {MaxResponseLength} bytes.", nameof(response));
        }

        written = 0;
        if (State == IceState.Closed
            || !StunMessage.TryParse(datagram, out var request)
            || request.Type != StunMessageType.BindingRequest
            || !request.VerifyFingerprint())
        {
            return IceResult.Dropped;
        }

        if (!request.TryGetAttribute(StunAttributeType.Username, out var username) || !request.HasMessageIntegrity)
        {
            written = WriteError(request, StunErrorCode.BadRequest, authenticated: false, [], response);
            return IceResult.BadRequest;
        }

        if (!username.Span.SequenceEqual(expectedUsername) || !request.VerifyMessageIntegrity(key))
        {
            written = WriteError(request, StunErrorCode.Unauthorized, authenticated: false, [], response);
            return IceResult.Unauthorized;
        }

        Span<StunAttributeType> unknown = stackalloc StunAttributeType[MaxListedUnknownAttributes];
        var unknownCount = CollectUnknown(request, unknown);
        if (unknownCount > 0)
        {
            written = WriteError(request, StunErrorCode.UnknownAttribute, authenticated: true, unknown[..unknownCount], response);
            return IceResult.UnknownAttribute;
        }

        // RFC 8445 §7.3.1.1: a controlled agent receiving ICE-CONTROLLED would switch roles if
        // its tiebreaker were larger, else answer 487. A lite agent cannot be controlling
        // (§6.1.1), so it always asks the peer to switch. Neither attribute, or both, is no ICE
        // request at all (§7.1.3 requires exactly one).
        var controlling = request.TryGetIceControlling(out _);
        var controlled = request.TryGetIceControlled(out _);
        if (controlled && !controlling)
        {
            written = WriteError(request, StunErrorCode.RoleConflict, authenticated: true, [], response);
            return IceResult.RoleConflict;
        }

        if (!controlling || controlled)
        {
            written = WriteError(request, StunErrorCode.BadRequest, authenticated: true, [], response);
            return IceResult.BadRequest;
        }

        var result = Accept(from, request.HasUseCandidate);
        written = WriteSuccess(request, from, response);
        return result;
    }

    /// <summary>
    /// CheckConsent expires consent when no valid request has come from the selected tuple for
    /// <see cref="ConsentTimeout"/> (RFC 7675 §5.1), moving <see cref="IceState.Connected"/> to
    /// <see cref="IceState.Disconnected"/>. Call it periodically (e.g. every second).
    /// </summary>
    /// <returns>True when the agent is <see cref="IceState.Connected"/> with fresh consent,
    /// i.e. media may be sent to <see cref="SelectedEndPoint"/>.</returns>
    public bool CheckConsent()
    {
        lock (gate)
        {
            ExpireConsentIfDue();
            return state == IceState.Connected;
        }
    }

    /// <summary>
    /// Close ends the session: the agent moves to <see cref="IceState.Closed"/> and drops every
    /// later datagram. Idempotent.
    /// </summary>
    public void Close()
    {
        lock (gate)
        {
            state = IceState.Closed;
        }
    }

    // Applies a valid, authenticated request to the state: nomination selects the sender
    // (RFC 8445 §7.3.1.5; a later nomination of another pair replaces it, as browsers renominate
    // after network changes), and a request on the selected pair renews consent (RFC 7675 §5.1).
    private IceResult Accept(IPEndPoint from, bool useCandidate)
    {
        lock (gate)
        {
            if (state == IceState.Closed)
            {
                return IceResult.Answered;
            }

            ExpireConsentIfDue();
            if (state == IceState.New)
            {
                state = IceState.Checking;
            }

            var now = timeProvider.GetTimestamp();
            if (useCandidate)
            {
                var changed = state != IceState.Connected || !from.Equals(selectedEndPoint);
                selectedEndPoint = from;
                state = IceState.Connected;
                lastConsentTimestamp = now;
                return changed ? IceResult.Nominated : IceResult.Answered;
            }

            if (selectedEndPoint is not null && from.Equals(selectedEndPoint))
            {
                state = IceState.Connected;
                lastConsentTimestamp = now;
            }

            return IceResult.Answered;
        }
    }

    private void ExpireConsentIfDue()
    {
        if (state == IceState.Connected && timeProvider.GetElapsedTime(lastConsentTimestamp) >= ConsentTimeout)
        {
            state = IceState.Disconnected;
        }
    }

    // RFC 8489 §6.3.1: the 420 lists the comprehension-required attributes not understood.
    private static int CollectUnknown(StunMessage request, Span<StunAttributeType> unknown)
    {
        var count = 0;
        foreach (var attribute in request.Attributes)
        {
            var type = attribute.Type;
            if (type.IsComprehensionRequired() && !type.IsKnown() && !unknown[..count].Contains(type))
            {
                unknown[count++] = type;
                if (count == unknown.Length)
                {
                    break;
                }
            }
        }

        return count;
    }

    private int WriteSuccess(StunMessage request, IPEndPoint from, Span<byte> response)
    {
        // RFC 8489 §9.1.3: the response is keyed with the password that authenticated the
        // request and carries no USERNAME; RFC 8445 §7.3 reflects the source in
        // XOR-MAPPED-ADDRESS so the full agent can learn peer-reflexive candidates.
        var writer = new StunWriter(response, StunMessageType.BindingSuccessResponse, request.TransactionId);
        writer.AddXorMappedAddress(from);
        writer.AddMessageIntegrity(key);
        writer.AddFingerprint();
        return writer.Length;
    }

    private int WriteError(
        StunMessage request, int code, bool authenticated, ReadOnlySpan<StunAttributeType> unknown, Span<byte> response)
    {
        var writer = new StunWriter(response, StunMessageType.BindingErrorResponse, request.TransactionId);
        writer.AddErrorCode(code, StunErrorCode.ReasonPhrase(code));
        if (!unknown.IsEmpty)
        {
            writer.AddUnknownAttributes(unknown);
        }

        // RFC 8489 §9.1.3: when authentication failed the server cannot know the key, so the
        // error carries no MESSAGE-INTEGRITY; once it succeeded, every response carries it.
        if (authenticated)
        {
            writer.AddMessageIntegrity(key);
        }

        writer.AddFingerprint();
        return writer.Length;
    }
}
