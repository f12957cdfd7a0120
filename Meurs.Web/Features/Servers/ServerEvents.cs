using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The base of the servers' events on the fabric, published on <see cref="ChannelId.Server"/>: each names its envelope
/// type (<c>resource.action</c>) and its data, so one view (<see cref="ServerEventView{TEvent}"/>) renders them all.
/// </summary>
public abstract record ServerEvent : RealtimeEvent
{
    /// <summary>The envelope's type, e.g. <c>channel.created</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The envelope's data (a <see cref="ServerJson"/> shape or a small object).</summary>
    public abstract object Data { get; }
}

/// <summary><c>server.updated</c>: name, description, images or joining rule changed.</summary>
/// <param name="Server">The server now.</param>
public sealed record ServerUpdated(ServerDto Server) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "server.updated";

    /// <inheritdoc />
    public override object Data => Server;
}

/// <summary><c>server.deleted</c> <c>{server_id}</c>: the owner deleted it (the sockets are then ended by re-authorization).</summary>
/// <param name="ServerId">The server.</param>
public sealed record ServerDeleted(Guid ServerId) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "server.deleted";

    /// <inheritdoc />
    public override object Data => new { ServerId };
}

/// <summary><c>server.member_joined</c> <c>{server_id, member}</c>.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="Member">Who joined.</param>
public sealed record MemberJoined(Guid ServerId, MemberDto Member) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "server.member_joined";

    /// <inheritdoc />
    public override object Data => new { ServerId, Member };
}

/// <summary>
/// A member is gone: <c>server.member_left</c>, <c>server.member_kicked</c> or <c>server.member_banned</c>, with
/// <c>{server_id, user_id}</c>.
/// </summary>
/// <param name="ServerId">The server.</param>
/// <param name="UserId">Who is gone.</param>
/// <param name="How">Left, kicked or banned.</param>
public sealed record MemberRemoved(Guid ServerId, Guid UserId, MemberRemoval How) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => How switch
    {
        MemberRemoval.Kicked => "server.member_kicked",
        MemberRemoval.Banned => "server.member_banned",
        _ => "server.member_left",
    };

    /// <inheritdoc />
    public override object Data => new { ServerId, UserId };
}

/// <summary>How a member went.</summary>
public enum MemberRemoval
{
    /// <summary>They left.</summary>
    Left,

    /// <summary>They were kicked.</summary>
    Kicked,

    /// <summary>They were banned.</summary>
    Banned,
}

/// <summary><c>member.roles_updated</c> <c>{server_id, user_id, roles: [role id…]}</c>.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="UserId">The member.</param>
/// <param name="Roles">The roles they hold now besides @everyone.</param>
public sealed record MemberRolesUpdated(Guid ServerId, Guid UserId, IReadOnlyList<Guid> Roles) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "member.roles_updated";

    /// <inheritdoc />
    public override object Data => new { ServerId, UserId, Roles };
}

/// <summary><c>channel.created</c>, to the members who can see it.</summary>
/// <param name="Channel">The channel.</param>
public sealed record ChannelCreated(ChannelDto Channel) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "channel.created";

    /// <inheritdoc />
    public override object Data => Channel;
}

/// <summary><c>channel.updated</c> (name, topic, category, position or overrides), to the members who can see it.</summary>
/// <param name="Channel">The channel now.</param>
public sealed record ChannelUpdated(ChannelDto Channel) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "channel.updated";

    /// <inheritdoc />
    public override object Data => Channel;
}

/// <summary><c>channel.deleted</c> <c>{server_id, channel_id}</c>, to the members who could see it.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="ChannelId">The channel.</param>
public sealed record ChannelDeleted(Guid ServerId, Guid ChannelId) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "channel.deleted";

    /// <inheritdoc />
    public override object Data => new { ServerId, ChannelId };
}

/// <summary><c>category.created</c>.</summary>
/// <param name="Category">The category.</param>
public sealed record CategoryCreated(CategoryDto Category) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "category.created";

    /// <inheritdoc />
    public override object Data => Category;
}

/// <summary><c>category.updated</c> (renamed or moved).</summary>
/// <param name="Category">The category now.</param>
public sealed record CategoryUpdated(CategoryDto Category) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "category.updated";

    /// <inheritdoc />
    public override object Data => Category;
}

/// <summary><c>category.deleted</c> <c>{server_id, category_id}</c>; its channels now have no category.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="CategoryId">The category.</param>
public sealed record CategoryDeleted(Guid ServerId, Guid CategoryId) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "category.deleted";

    /// <inheritdoc />
    public override object Data => new { ServerId, CategoryId };
}

/// <summary><c>role.created</c>.</summary>
/// <param name="Role">The role.</param>
public sealed record RoleCreated(RoleDto Role) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "role.created";

    /// <inheritdoc />
    public override object Data => Role;
}

/// <summary><c>role.updated</c> (name, colour, permissions or position).</summary>
/// <param name="Role">The role now.</param>
public sealed record RoleUpdated(RoleDto Role) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "role.updated";

    /// <inheritdoc />
    public override object Data => Role;
}

/// <summary><c>role.deleted</c> <c>{server_id, role_id}</c>.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="RoleId">The role.</param>
public sealed record RoleDeleted(Guid ServerId, Guid RoleId) : ServerEvent
{
    /// <inheritdoc />
    public override string Type => "role.deleted";

    /// <inheritdoc />
    public override object Data => new { ServerId, RoleId };
}
