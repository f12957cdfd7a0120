namespace Meurs.Web.Features.Servers;

/// <summary>What an invite shows before joining: the invite, its server and how many members it has.</summary>
/// <param name="Invite">The invite.</param>
/// <param name="Server">Its server.</param>
/// <param name="MemberCount">Members now.</param>
public sealed record InvitePreview(ServerInvite Invite, Server Server, int MemberCount);
