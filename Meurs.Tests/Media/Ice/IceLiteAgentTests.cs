using System.Buffers.Binary;
using System.Net;
using System.Text;
using Meurs.Media.Ice;
using Meurs.Media.Stun;
using Meurs.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Media.Ice;

public sealed class IceLiteAgentTests
{
    private const string LocalUfrag = "srvU";
    private const string LocalPassword = "serverPassword0123456789";
    private const string RemoteUfrag = "brwsr+/9";
    private const ulong TieBreaker = 0x0123456789ABCDEF;

    private static readonly IPEndPoint Browser = new(IPAddress.Parse("192.0.2.10"), 50000);
    private static readonly IPEndPoint BrowserOtherPort = new(IPAddress.Parse("192.0.2.10"), 50002);
    private static readonly IPEndPoint BrowserV6 = new(IPAddress.Parse("2001:db8::a"), 50004);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void HandleBindingRequest_ValidNomination_AnswersAndSelects()
    {
        var agent = NewAgent();
        var request = Request(useCandidate: true);

        var (result, response) = Handle(agent, request, Browser);

        Assert.Equal(IceResult.Nominated, result);
        Assert.Equal(IceState.Connected, agent.State);
        Assert.Equal(Browser, agent.SelectedEndPoint);
        Assert.True(agent.CheckConsent());
        var message = ParseResponse(response);
        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.Equal(TransactionIdOf(request), message.TransactionId);
        Assert.True(message.VerifyMessageIntegrity(Encoding.ASCII.GetBytes(LocalPassword)));
        Assert.True(message.VerifyFingerprint());
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Browser, mapped);
        Assert.False(message.Contains(StunAttributeType.Username));
        Assert.Equal(
            [StunAttributeType.XorMappedAddress, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint],
            message.Attributes.Select(a => a.Type));
    }

    [Fact]
    public void HandleBindingRequest_ChecksThenNomination_GoesNewCheckingConnected()
    {
        var agent = NewAgent();
        Assert.Equal(IceState.New, agent.State);

        Assert.Equal(IceResult.Answered, Handle(agent, Request(), Browser).Result);
        Assert.Equal(IceState.Checking, agent.State);
        Assert.Null(agent.SelectedEndPoint);
        Assert.False(agent.CheckConsent());

        Assert.Equal(IceResult.Nominated, Handle(agent, Request(useCandidate: true), Browser).Result);
        Assert.Equal(IceState.Connected, agent.State);

        // The same pair nominated again changes nothing.
        Assert.Equal(IceResult.Answered, Handle(agent, Request(useCandidate: true), Browser).Result);
    }

    [Fact]
    public void HandleBindingRequest_IPv6Sender_ReflectsIPv6Address()
    {
        var agent = NewAgent();

        var (result, response) = Handle(agent, Request(useCandidate: true), BrowserV6);

        Assert.Equal(IceResult.Nominated, result);
        Assert.Equal(BrowserV6, agent.SelectedEndPoint);
        var message = ParseResponse(response);
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(BrowserV6, mapped);
        Assert.Equal(0x02, message.Attributes[0].Value.Span[1]); // family IPv6
    }

    [Fact]
    public void HandleBindingRequest_IPv4MappedIPv6Sender_ReflectsIPv4Address()
    {
        // What a dual-mode socket reports for an IPv4 peer.
        var agent = NewAgent();
        var dualMode = new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.10"), 50000);

        var (_, response) = Handle(agent, Request(), dualMode);

        Assert.True(ParseResponse(response).TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Browser, mapped);
    }

    [Fact]
    public void HandleBindingRequest_XorMappedAddressBytes_AreCookieMasked()
    {
        var agent = NewAgent();
        var (_, response) = Handle(agent, Request(), Browser);

        // RFC 8489 §14.2: X-Port = 50000 (0xC350) ^ 0x2112 = 0xE242;
        // X-Address = 192.0.2.10 (0xC000020A) ^ 0x2112A442 = 0xE112A648.
        Assert.Equal(
            "0020000800" + "01" + "E242" + "E112A648",
            Convert.ToHexString(response.AsSpan(20, 12)));
    }

    [Fact]
    public void HandleBindingRequest_WrongPassword_Answers401WithoutIntegrityAndSelectsNothing()
    {
        var agent = NewAgent();
        var request = Request(useCandidate: true, password: "notTheServerPassword0123");

        var (result, response) = Handle(agent, request, Browser);

        Assert.Equal(IceResult.Unauthorized, result);
        Assert.Null(agent.SelectedEndPoint);
        Assert.Equal(IceState.New, agent.State);
        var message = ParseResponse(response);
        Assert.Equal(StunMessageType.BindingErrorResponse, message.Type);
        Assert.Equal(TransactionIdOf(request), message.TransactionId);
        Assert.True(message.TryGetErrorCode(out var code, out var reason));
        Assert.Equal(401, code);
        Assert.Equal("Unauthorized", reason);
        Assert.False(message.HasMessageIntegrity);
        Assert.True(message.VerifyFingerprint());
    }

    [Theory]
    [InlineData("srvU:other")]
    [InlineData("srvX:brwsr+/9")]
    [InlineData("srvU:brwsr+/9:")]
    [InlineData("srvU")]
    [InlineData("brwsr+/9:srvU")]
    public void HandleBindingRequest_WrongUsername_Answers401(string username)
    {
        var agent = NewAgent();

        var (result, response) = Handle(agent, Request(useCandidate: true, username: username), Browser);

        Assert.Equal(IceResult.Unauthorized, result);
        Assert.Equal(401, ErrorCodeOf(response));
        Assert.Null(agent.SelectedEndPoint);
    }

    [Fact]
    public void HandleBindingRequest_MissingIntegrity_Answers400()
    {
        var agent = NewAgent();

        var (result, response) = Handle(agent, Request(useCandidate: true, integrity: false), Browser);

        Assert.Equal(IceResult.BadRequest, result);
        Assert.Equal(400, ErrorCodeOf(response));
        Assert.False(ParseResponse(response).HasMessageIntegrity);
        Assert.Null(agent.SelectedEndPoint);
    }

    [Fact]
    public void HandleBindingRequest_MissingUsername_Answers400()
    {
        var agent = NewAgent();

        var (result, response) = Handle(agent, Request(username: null), Browser);

        Assert.Equal(IceResult.BadRequest, result);
        Assert.Equal(400, ErrorCodeOf(response));
    }

    [Fact]
    public void HandleBindingRequest_FingerprintMismatch_IsDropped()
    {
        var agent = NewAgent();
        var request = Request(useCandidate: true);
        request[^1] ^= 0x01;

        var response = new byte[IceLiteAgent.MaxResponseLength];
        var result = agent.HandleBindingRequest(request, Browser, response, out var written);

        Assert.Equal(IceResult.Dropped, result);
        Assert.Equal(0, written);
        Assert.Null(agent.SelectedEndPoint);
        Assert.Equal(IceState.New, agent.State);
    }

    [Fact]
    public void HandleBindingRequest_NoFingerprint_IsDropped()
    {
        var agent = NewAgent();

        Assert.Equal(IceResult.Dropped, Handle(agent, Request(useCandidate: true, fingerprint: false), Browser).Result);
    }

    [Fact]
    public void HandleBindingRequest_IceControlled_Answers487WithIntegrity()
    {
        var agent = NewAgent();

        var (result, response) = Handle(agent, Request(useCandidate: true, role: Role.Controlled), Browser);

        Assert.Equal(IceResult.RoleConflict, result);
        var message = ParseResponse(response);
        Assert.True(message.TryGetErrorCode(out var code, out var reason));
        Assert.Equal(487, code);
        Assert.Equal("Role Conflict", reason);
        Assert.True(message.VerifyMessageIntegrity(Encoding.ASCII.GetBytes(LocalPassword)));
        Assert.True(message.VerifyFingerprint());
        Assert.Null(agent.SelectedEndPoint);
    }

    [Theory]
    [InlineData(Role.None)]
    [InlineData(Role.Both)]
    public void HandleBindingRequest_NoSingleRole_Answers400(Role role)
    {
        var agent = NewAgent();

        var (result, response) = Handle(agent, Request(useCandidate: true, role: role), Browser);

        Assert.Equal(IceResult.BadRequest, result);
        Assert.Equal(400, ErrorCodeOf(response));
        Assert.True(ParseResponse(response).VerifyMessageIntegrity(Encoding.ASCII.GetBytes(LocalPassword)));
        Assert.Null(agent.SelectedEndPoint);
    }

    [Fact]
    public void HandleBindingRequest_UnknownComprehensionRequired_Answers420ListingThem()
    {
        var agent = NewAgent();
        var request = Request(useCandidate: true, extra: (ref StunWriter w) =>
        {
            w.AddAttribute((StunAttributeType)0x7F01, [1, 2, 3]);
            w.AddAttribute((StunAttributeType)0xC001, [4]);           // optional: ignored
            w.AddAttribute((StunAttributeType)0x0003, [0, 0, 0, 6]);  // RFC 3489 CHANGE-REQUEST
            w.AddAttribute((StunAttributeType)0x7F01, []);            // listed once
        });

        var (result, response) = Handle(agent, request, Browser);

        Assert.Equal(IceResult.UnknownAttribute, result);
        var message = ParseResponse(response);
        Assert.True(message.TryGetErrorCode(out var code, out _));
        Assert.Equal(420, code);
        Assert.True(message.TryGetUnknownAttributes(out var unknown));
        Assert.Equal([(StunAttributeType)0x7F01, (StunAttributeType)0x0003], unknown);
        Assert.True(message.VerifyMessageIntegrity(Encoding.ASCII.GetBytes(LocalPassword)));
        Assert.Null(agent.SelectedEndPoint);
    }

    [Fact]
    public void HandleBindingRequest_ManyUnknownAttributes_ResponseStaysBounded()
    {
        var agent = NewAgent();
        var request = Request(extra: (ref StunWriter w) =>
        {
            for (var t = 0x7000; t < 0x7040; t++)
            {
                w.AddAttribute((StunAttributeType)t, []);
            }
        });

        var (result, response) = Handle(agent, request, Browser);

        Assert.Equal(IceResult.UnknownAttribute, result);
        Assert.True(ParseResponse(response).TryGetUnknownAttributes(out var unknown));
        Assert.Equal(16, unknown.Length);
    }

    [Fact]
    public void HandleBindingRequest_UnknownOptionalAttribute_IsIgnored()
    {
        var agent = NewAgent();
        var request = Request(useCandidate: true, extra: (ref StunWriter w) => w.AddAttribute((StunAttributeType)0xC057, [0, 1, 0, 10]));

        Assert.Equal(IceResult.Nominated, Handle(agent, request, Browser).Result);
    }

    [Fact]
    public void HandleBindingRequest_OtherTupleAfterSelection_AnsweredWithoutChangingSelection()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        var (result, response) = Handle(agent, Request(), BrowserOtherPort);

        Assert.Equal(IceResult.Answered, result);
        Assert.Equal(Browser, agent.SelectedEndPoint);
        Assert.True(ParseResponse(response).TryGetXorMappedAddress(out var mapped));
        Assert.Equal(BrowserOtherPort, mapped);
    }

    [Fact]
    public void HandleBindingRequest_OtherTupleNominated_MovesSelection()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        var result = Handle(agent, Request(useCandidate: true), BrowserV6).Result;

        Assert.Equal(IceResult.Nominated, result);
        Assert.Equal(BrowserV6, agent.SelectedEndPoint);
        Assert.Equal(IceState.Connected, agent.State);
    }

    [Fact]
    public void CheckConsent_NoRequestFor30Seconds_Expires()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.True(agent.CheckConsent());
        Assert.Equal(IceState.Connected, agent.State);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(agent.CheckConsent());
        Assert.Equal(IceState.Disconnected, agent.State);
        Assert.Equal(Browser, agent.SelectedEndPoint);
    }

    [Fact]
    public void CheckConsent_RequestFromSelectedTupleBeforeExpiry_Refreshes()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(IceResult.Answered, Handle(agent, Request(), Browser).Result);
        clock.Advance(TimeSpan.FromSeconds(25));

        Assert.True(agent.CheckConsent());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(agent.CheckConsent());
    }

    [Fact]
    public void CheckConsent_RequestsOnlyFromOtherTuple_DoNotRefresh()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            Handle(agent, Request(), BrowserOtherPort);
        }

        Assert.False(agent.CheckConsent());
    }

    [Fact]
    public void CheckConsent_RejectedRequestsFromSelectedTuple_DoNotRefresh()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(IceResult.Unauthorized, Handle(agent, Request(password: "notTheServerPassword0123"), Browser).Result);
        Assert.Equal(IceResult.RoleConflict, Handle(agent, Request(role: Role.Controlled), Browser).Result);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.False(agent.CheckConsent());
    }

    [Fact]
    public void HandleBindingRequest_AfterExpiry_ValidRequestFromSelectedTupleRegainsConsent()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(agent.CheckConsent());

        Assert.Equal(IceResult.Answered, Handle(agent, Request(), Browser).Result);

        Assert.Equal(IceState.Connected, agent.State);
        Assert.True(agent.CheckConsent());
    }

    [Fact]
    public void HandleBindingRequest_ExpiredThenNominatedAgain_ReportsNomination()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);
        clock.Advance(TimeSpan.FromSeconds(40));

        // No CheckConsent in between: the request itself notices the expiry first.
        Assert.Equal(IceResult.Nominated, Handle(agent, Request(useCandidate: true), Browser).Result);
        Assert.True(agent.CheckConsent());
    }

    [Fact]
    public void CheckConsent_ConfiguredTimeout_IsHonoured()
    {
        var agent = NewAgent(TimeSpan.FromSeconds(5));
        Handle(agent, Request(useCandidate: true), Browser);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(agent.CheckConsent());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(agent.CheckConsent());
    }

    [Fact]
    public void CheckConsent_BeforeNomination_IsFalseAndStateUnchanged()
    {
        var agent = NewAgent();
        Handle(agent, Request(), Browser);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(agent.CheckConsent());
        Assert.Equal(IceState.Checking, agent.State);
    }

    [Fact]
    public void Close_DropsEverythingAfterwards()
    {
        var agent = NewAgent();
        Handle(agent, Request(useCandidate: true), Browser);

        agent.Close();

        var response = new byte[IceLiteAgent.MaxResponseLength];
        Assert.Equal(IceResult.Dropped, agent.HandleBindingRequest(Request(useCandidate: true), Browser, response, out var written));
        Assert.Equal(0, written);
        Assert.Equal(IceState.Closed, agent.State);
        Assert.False(agent.CheckConsent());
    }

    [Theory]
    [InlineData(StunClass.Indication)]
    [InlineData(StunClass.SuccessResponse)]
    [InlineData(StunClass.ErrorResponse)]
    public void HandleBindingRequest_NotARequest_IsDropped(StunClass @class)
    {
        var agent = NewAgent();
        var message = Request(useCandidate: true, type: new StunMessageType(@class, StunMethod.Binding));

        Assert.Equal(IceResult.Dropped, Handle(agent, message, Browser).Result);
    }

    [Fact]
    public void HandleBindingRequest_OtherMethod_IsDropped()
    {
        var agent = NewAgent();
        var allocate = Request(type: new StunMessageType(StunClass.Request, (StunMethod)0x003));

        Assert.Equal(IceResult.Dropped, Handle(agent, allocate, Browser).Result);
    }

    [Fact]
    public void HandleBindingRequest_UseCandidateAfterIntegrity_IsNotANomination()
    {
        // An attacker on the path can append attributes after MESSAGE-INTEGRITY (and fix up
        // FINGERPRINT); RFC 8489 §14.5 makes receivers ignore them.
        var agent = NewAgent();
        var buffer = new byte[512];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom());
        writer.AddUsername($"{LocalUfrag}:{RemoteUfrag}");
        writer.AddIceControlling(TieBreaker);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(LocalPassword));
        var signed = writer.ToArray();
        byte[] withUseCandidate = [.. signed, 0x00, 0x25, 0x00, 0x00, 0x80, 0x28, 0x00, 0x04, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(withUseCandidate.AsSpan(2), (ushort)(withUseCandidate.Length - 20));
        var crc = System.IO.Hashing.Crc32.HashToUInt32(withUseCandidate.AsSpan(0, withUseCandidate.Length - 8)) ^ 0x5354554Eu;
        BinaryPrimitives.WriteUInt32BigEndian(withUseCandidate.AsSpan(withUseCandidate.Length - 4), crc);

        Assert.Equal(IceResult.Answered, Handle(agent, withUseCandidate, Browser).Result);
        Assert.Null(agent.SelectedEndPoint);
    }

    [Fact]
    public void HandleBindingRequest_SmallResponseBuffer_Throws()
    {
        var agent = NewAgent();
        var response = new byte[IceLiteAgent.MaxResponseLength - 1];

        Assert.Throws<ArgumentException>(() => agent.HandleBindingRequest(Request(), Browser, response, out _));
    }

    [Fact]
    public void TryGetUsername_BrowserRequest_ReturnsUsernameAndLocalUfrag()
    {
        var request = Request(useCandidate: true);

        Assert.True(IceLiteAgent.TryGetUsername(request, out var username));
        Assert.Equal("srvU:brwsr+/9", Encoding.ASCII.GetString(username));
        Assert.True(IceLiteAgent.TryGetLocalUfrag(request, out var ufrag));
        Assert.Equal("srvU", Encoding.ASCII.GetString(ufrag));
    }

    [Fact]
    public void TryGetUsername_Rfc5769SampleRequest_ReturnsEvtj()
    {
        Assert.True(IceLiteAgent.TryGetLocalUfrag(Stun.Rfc5769Vectors.SampleRequest, out var ufrag));
        Assert.Equal("evtj", Encoding.ASCII.GetString(ufrag));
    }

    [Fact]
    public void TryGetUsername_NoUsernameOrNotRequest_ReturnsFalse()
    {
        Assert.False(IceLiteAgent.TryGetUsername(Request(username: null), out _));
        Assert.False(IceLiteAgent.TryGetUsername(Stun.Rfc5769Vectors.SampleIPv4Response, out _));
        Assert.False(IceLiteAgent.TryGetUsername([], out _));
        Assert.False(IceLiteAgent.TryGetLocalUfrag(Request(username: "nocolon"), out _));
    }

    [Fact]
    public void IceCredentials_Generated_AreValidAndDistinct()
    {
        var ufrag = IceCredentials.GenerateUfrag();
        var password = IceCredentials.GeneratePassword();

        Assert.True(IceCredentials.IsValidUfrag(ufrag));
        Assert.True(IceCredentials.IsValidPassword(password));
        Assert.Equal(16, ufrag.Length);
        Assert.Equal(32, password.Length);
        Assert.Matches("^[A-Za-z0-9+/]+$", ufrag + password);
        Assert.NotEqual(ufrag, IceCredentials.GenerateUfrag());
        Assert.NotEqual(password, IceCredentials.GeneratePassword());
    }

    [Theory]
    [InlineData("abc", false)]
    [InlineData("abcd", true)]
    [InlineData("ab:d", false)]
    [InlineData("ab d", false)]
    [InlineData("abç d", false)]
    [InlineData("+/+/", true)]
    public void IceCredentials_IsValidUfrag_FollowsIceCharGrammar(string ufrag, bool valid)
    {
        Assert.Equal(valid, IceCredentials.IsValidUfrag(ufrag));
    }

    [Fact]
    public void IceCredentials_LengthLimits()
    {
        Assert.True(IceCredentials.IsValidUfrag(new string('a', 256)));
        Assert.False(IceCredentials.IsValidUfrag(new string('a', 257)));
        Assert.True(IceCredentials.IsValidPassword(new string('a', 22)));
        Assert.False(IceCredentials.IsValidPassword(new string('a', 21)));
        Assert.False(IceCredentials.IsValidPassword(null));
    }

    [Fact]
    public void Constructor_InvalidCredentials_Throw()
    {
        Assert.Throws<ArgumentException>(() => new IceLiteAgent("abc", LocalPassword, RemoteUfrag, null, clock));
        Assert.Throws<ArgumentException>(() => new IceLiteAgent(LocalUfrag, "short", RemoteUfrag, null, clock));
        Assert.Throws<ArgumentException>(() => new IceLiteAgent(LocalUfrag, LocalPassword, "a:b:", null, clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IceLiteAgent(LocalUfrag, LocalPassword, RemoteUfrag, null, clock, TimeSpan.Zero));
    }

    [Fact]
    public void HandleBindingRequest_MutatedRequests_NeverThrowOrSelectWithoutAuthentication()
    {
        // Fixed seed; mutations of a valid nomination. Any mutation that still passes
        // FINGERPRINT and MESSAGE-INTEGRITY must have left the covered bytes intact, so the only
        // allowed selection is the sender's own address after an authenticated request.
        var random = new Random(8445);
        var id = new StunTransactionId([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var seeds = new[]
        {
            Request(useCandidate: true, transactionId: id),
            Request(useCandidate: true, role: Role.Controlled, transactionId: id),
            Request(integrity: false, transactionId: id),
            Stun.Rfc5769Vectors.SampleRequest,
        };
        var response = new byte[IceLiteAgent.MaxResponseLength];
        var mutations = MutatedPackets.Sample([new(2, 2, CountedFrom: 20)], 20_000);
        for (var i = 0; i < 20_000; i++)
        {
            var agent = NewAgent();
            var packet = mutations[i].Apply(seeds[random.Next(seeds.Length)]);

            var result = agent.HandleBindingRequest(packet, Browser, response, out var written);

            var context = $"mutation {i}: {Convert.ToHexString(packet)}";
            Assert.True(result == IceResult.Dropped ? written == 0 : written is > 20 and <= IceLiteAgent.MaxResponseLength, context);
            if (result != IceResult.Dropped)
            {
                Assert.True(StunMessage.TryParse(response.AsSpan(0, written), out var answer), context);
                Assert.True(answer.VerifyFingerprint(), context);
            }

            if (agent.SelectedEndPoint is not null)
            {
                Assert.Equal(IceResult.Nominated, result);
                Assert.True(StunMessage.TryParse(packet, out var accepted), context);
                Assert.True(accepted.VerifyMessageIntegrity(Encoding.ASCII.GetBytes(LocalPassword)), context);
            }
        }
    }

    public enum Role
    {
        Controlling,
        Controlled,
        None,
        Both,
    }

    private IceLiteAgent NewAgent(TimeSpan? consentTimeout = null) =>
        new(LocalUfrag, LocalPassword, RemoteUfrag, "browserPassword0123456789", clock, consentTimeout);

    // A Binding request as Chrome sends it: USERNAME, ICE-CONTROLLING, (USE-CANDIDATE,)
    // PRIORITY, MESSAGE-INTEGRITY with the answerer's (our) password, FINGERPRINT.
    private static byte[] Request(
        bool useCandidate = false,
        string? username = $"{LocalUfrag}:{RemoteUfrag}",
        string password = LocalPassword,
        bool integrity = true,
        bool fingerprint = true,
        Role role = Role.Controlling,
        StunMessageType? type = null,
        WriterAction? extra = null,
        StunTransactionId? transactionId = null)
    {
        var buffer = new byte[1024];
        var writer = new StunWriter(buffer, type ?? StunMessageType.BindingRequest, transactionId ?? StunTransactionId.NewRandom());
        if (username is not null)
        {
            writer.AddUsername(username);
        }

        if (role is Role.Controlling or Role.Both)
        {
            writer.AddIceControlling(TieBreaker);
        }

        if (role is Role.Controlled or Role.Both)
        {
            writer.AddIceControlled(TieBreaker);
        }

        if (useCandidate)
        {
            writer.AddUseCandidate();
        }

        writer.AddPriority(0x6E7F1EFF);
        extra?.Invoke(ref writer);
        if (integrity)
        {
            writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password));
        }

        if (fingerprint)
        {
            writer.AddFingerprint();
        }

        return writer.ToArray();
    }

    private delegate void WriterAction(ref StunWriter writer);

    private static (IceResult Result, byte[] Response) Handle(IceLiteAgent agent, byte[] request, IPEndPoint from)
    {
        var response = new byte[IceLiteAgent.MaxResponseLength];
        var result = agent.HandleBindingRequest(request, from, response, out var written);
        return (result, response[..written]);
    }

    private static StunMessage ParseResponse(byte[] response)
    {
        Assert.True(StunMessage.TryParse(response, out var message));
        Assert.Equal(response.Length, message.Raw.Length);
        return message;
    }

    private static int ErrorCodeOf(byte[] response)
    {
        var message = ParseResponse(response);
        Assert.Equal(StunMessageType.BindingErrorResponse, message.Type);
        Assert.True(message.TryGetErrorCode(out var code, out _));
        return code;
    }

    private static StunTransactionId TransactionIdOf(byte[] request) => new(request.AsSpan(8, 12));
}
