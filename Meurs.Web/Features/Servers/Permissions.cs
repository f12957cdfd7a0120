namespace Meurs.Web.Features.Servers;

/// <summary>
/// What a role grants, as a bit set. The bit values are Discord's (discord.com/developers/docs/topics/permissions), so a
/// program that knows those numbers reads ours; stored as a 64-bit integer and sent as a decimal string in JSON.
/// </summary>
[Flags]
public enum Permissions : long
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Remove members (never the owner, never someone with an equal or higher role).</summary>
    KickMembers = 1L << 1,

    /// <summary>Remove members and keep them out.</summary>
    BanMembers = 1L << 2,

    /// <summary>Everything, in every channel, overrides included; held by the built-in Admin role.</summary>
    Administrator = 1L << 3,

    /// <summary>Create, edit, reorder and delete channels and categories, and set channel overrides.</summary>
    ManageChannels = 1L << 4,

    /// <summary>Edit the server's name, description, images and joining rule; make and revoke invites.</summary>
    ManageServer = 1L << 5,

    /// <summary>React to messages.</summary>
    AddReactions = 1L << 6,

    /// <summary>See a channel and read its messages; without it nothing else in the channel applies.</summary>
    ViewChannel = 1L << 10,

    /// <summary>Post messages in a text channel.</summary>
    SendMessages = 1L << 11,

    /// <summary>Delete and pin anyone's messages.</summary>
    ManageMessages = 1L << 13,

    /// <summary>Attach files to messages.</summary>
    AttachFiles = 1L << 15,

    /// <summary>Make <c>@everyone</c> notify everyone.</summary>
    MentionEveryone = 1L << 17,

    /// <summary>Join a voice channel.</summary>
    Connect = 1L << 20,

    /// <summary>Publish voice, webcam and screen in a voice channel (without it: listen and watch only).</summary>
    Speak = 1L << 21,

    /// <summary>Create, edit, reorder, delete and assign roles below one's own highest role.</summary>
    ManageRoles = 1L << 28,

    /// <summary>Every permission above.</summary>
    All = KickMembers | BanMembers | Administrator | ManageChannels | ManageServer | AddReactions | ViewChannel | SendMessages
        | ManageMessages | AttachFiles | MentionEveryone | Connect | Speak | ManageRoles,

    /// <summary>What @everyone holds in a new server: see, talk, react, attach, join voice and speak.</summary>
    EveryoneDefault = ViewChannel | SendMessages | AddReactions | AttachFiles | Connect | Speak,
}

/// <summary>The permissions' names for people and programs.</summary>
public static class PermissionNames
{
    /// <summary>Each single permission with its snake_case name (as in the API) and a label for people, in display order.</summary>
    public static IReadOnlyList<(Permissions Permission, string Name, string Label)> All { get; } =
    [
        (Permissions.ViewChannel, "view_channel", "View channels"),
        (Permissions.SendMessages, "send_messages", "Send messages"),
        (Permissions.ManageMessages, "manage_messages", "Manage messages"),
        (Permissions.ManageChannels, "manage_channels", "Manage channels"),
        (Permissions.ManageRoles, "manage_roles", "Manage roles"),
        (Permissions.ManageServer, "manage_server", "Manage server"),
        (Permissions.KickMembers, "kick_members", "Kick members"),
        (Permissions.BanMembers, "ban_members", "Ban members"),
        (Permissions.MentionEveryone, "mention_everyone", "Mention @everyone"),
        (Permissions.AttachFiles, "attach_files", "Attach files"),
        (Permissions.AddReactions, "add_reactions", "Add reactions"),
        (Permissions.Connect, "connect", "Connect to voice"),
        (Permissions.Speak, "speak", "Speak in voice"),
        (Permissions.Administrator, "administrator", "Administrator"),
    ];
}
