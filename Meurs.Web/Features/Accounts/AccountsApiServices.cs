using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>What the <see cref="AccountsApi"/> handlers depend on, bound with <c>[AsParameters]</c>.</summary>
internal sealed record AccountsApiServices(
    RegisterAccount Register,
    IssueLoginToken LogIn,
    RevokeAccessToken Revoke,
    UserManager<MeursUser> Users,
    Meurs.Web.Features.Presence.UserPresence Presence,
    SocketSessions Sockets);
