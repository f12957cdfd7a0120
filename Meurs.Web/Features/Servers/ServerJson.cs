using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The JSON shapes of servers for programs, with the Chat system's field names (<c>title</c>, <c>description</c>,
/// <c>type</c>, <c>color</c>, <c>is_admin</c>, …), used alike by the REST API and the events' envelopes. Ids are UUIDs,
/// times ISO 8601 UTC, permissions decimal strings of the Discord bit values (<see cref="Permissions"/>).
/// </summary>
public static class ServerJson
{
    /// <summary>The API's serializer options: the fabric's snake_case (<see cref="RealtimeJson.Options"/>) but nulls written, as the Chat system did.</summary>
    public static JsonSerializerOptions Options { get; } = new(RealtimeJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Where the stored image <paramref name="file"/> is served (<c>GET /server-images/{file}</c>), or null.</summary>
    public static string? ImageUrl(string? file) => file is null ? null : $"/server-images/{file}";

    /// <summary>A permission set as the API writes it: the decimal string of its bits.</summary>
    public static string Bits(Permissions permissions) => ((long)permissions).ToString(CultureInfo.InvariantCulture);

    /// <summary>A server.</summary>
    public static ServerDto Of(Server s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Name, s.Description, ImageUrl(s.IconFile), ImageUrl(s.BannerFile), s.OwnerId, s.InviteOnly, s.CreatedAt);
    }

    /// <summary>A channel.</summary>
    public static ChannelDto Of(ServerChannel c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.ServerId ?? throw new ArgumentException("A direct message conversation is not a server channel.", nameof(c)), c.Name, c.Topic, c.Type == ChannelType.Voice ? "voice" : "text", c.CategoryId, c.Position);
    }

    /// <summary>A category.</summary>
    public static CategoryDto Of(ChannelCategory c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.ServerId, c.Name, c.Position);
    }

    /// <summary>A role.</summary>
    public static RoleDto Of(ServerRole r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.ServerId, r.Name, r.Color, r.Position, Bits(r.Permissions), r.IsAdmin, r.IsEveryone);
    }

    /// <summary>An invite.</summary>
    public static InviteDto Of(ServerInvite i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Code, i.ServerId, i.CreatorId, i.CreatedAt, i.ExpiresAt, i.MaxUses, i.Uses);
    }

    /// <summary>A channel override, with the Chat system's booleans: true allowed, false denied, null inherited.</summary>
    public static OverrideDto Of(ChannelOverride o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.ChannelId, o.RoleId, Bits(o.Allow), Bits(o.Deny),
            Flag(o, Permissions.ViewChannel), Flag(o, Permissions.SendMessages), Flag(o, Permissions.ManageChannels));
    }

    private static bool? Flag(ChannelOverride o, Permissions p) => o.Allow.HasFlag(p) ? true : o.Deny.HasFlag(p) ? false : null;
}

/// <summary>A server: <c>{id, title, description, image_url, banner_url, owner_id, invite_only, created_at}</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">Its name.</param>
/// <param name="Description">What it is about ("" for none).</param>
/// <param name="ImageUrl">The icon's URL, or null.</param>
/// <param name="BannerUrl">The banner's URL, or null.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="InviteOnly">True when joining needs an invite.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record ServerDto(Guid Id, string Title, string Description, string? ImageUrl, string? BannerUrl, Guid OwnerId, bool InviteOnly, DateTime CreatedAt);

/// <summary>A channel: <c>{id, server_id, title, description (its topic), type: "text"|"voice", category_id, position}</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ServerId">Its server.</param>
/// <param name="Title">Its name.</param>
/// <param name="Description">Its topic ("" for none).</param>
/// <param name="Type"><c>text</c> or <c>voice</c>.</param>
/// <param name="CategoryId">Its category, or null.</param>
/// <param name="Position">Its order within its category, from 0.</param>
public sealed record ChannelDto(Guid Id, Guid ServerId, string Title, string Description, string Type, Guid? CategoryId, int Position);

/// <summary>A category: <c>{id, server_id, title, position}</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ServerId">Its server.</param>
/// <param name="Title">Its name.</param>
/// <param name="Position">Its order, from 0.</param>
public sealed record CategoryDto(Guid Id, Guid ServerId, string Title, int Position);

/// <summary>A role: <c>{id, server_id, name, color, position, permissions, is_admin, is_everyone}</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ServerId">Its server.</param>
/// <param name="Name">Its name.</param>
/// <param name="Color"><c>#RRGGBB</c> or null.</param>
/// <param name="Position">Its place in the hierarchy (0 for @everyone, higher is more senior).</param>
/// <param name="Permissions">Its permissions, a decimal string of bits.</param>
/// <param name="IsAdmin">True for the built-in Admin role.</param>
/// <param name="IsEveryone">True for @everyone.</param>
public sealed record RoleDto(Guid Id, Guid ServerId, string Name, string? Color, int Position, string Permissions, bool IsAdmin, bool IsEveryone);

/// <summary>A member: <c>{id, user_id, username, roles: [role id…], is_owner, joined_at}</c> (<c>id</c> = <c>user_id</c>).</summary>
/// <param name="Id">The user id (as <c>id</c>, for clients that key lists by it).</param>
/// <param name="UserId">The user id.</param>
/// <param name="Username">Their username.</param>
/// <param name="Roles">The ids of the roles they hold besides @everyone.</param>
/// <param name="IsOwner">True for the server's owner.</param>
/// <param name="JoinedAt">When they joined (UTC).</param>
public sealed record MemberDto(Guid Id, Guid UserId, string Username, IReadOnlyList<Guid> Roles, bool IsOwner, DateTime JoinedAt);

/// <summary>An invite: <c>{code, server_id, creator_id, created_at, expires_at, max_uses, uses}</c>.</summary>
/// <param name="Code">The code.</param>
/// <param name="ServerId">The server it admits to.</param>
/// <param name="CreatorId">Who made it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="ExpiresAt">When it stops working (UTC), or null.</param>
/// <param name="MaxUses">How many joins it allows, or null.</param>
/// <param name="Uses">How many it has admitted.</param>
public sealed record InviteDto(string Code, Guid ServerId, Guid CreatorId, DateTime CreatedAt, DateTime? ExpiresAt, int? MaxUses, int Uses);

/// <summary>
/// A channel's override for one role: <c>{channel_id, role_id, allow, deny, can_read, can_write, can_edit}</c>; the
/// booleans are the Chat system's, for <see cref="Permissions.ViewChannel"/>, <see cref="Permissions.SendMessages"/> and
/// <see cref="Permissions.ManageChannels"/>: true allowed, false denied, null inherited from the role.
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="RoleId">The role.</param>
/// <param name="Allow">Allowed bits, decimal string.</param>
/// <param name="Deny">Denied bits, decimal string.</param>
/// <param name="CanRead">View channel.</param>
/// <param name="CanWrite">Send messages.</param>
/// <param name="CanEdit">Manage (edit) the channel.</param>
public sealed record OverrideDto(Guid ChannelId, Guid RoleId, string Allow, string Deny, bool? CanRead, bool? CanWrite, bool? CanEdit);
