using Meurs.Web.Features.Servers;

namespace Meurs.Tests.Web.Servers;

/// <summary>The pure permission algorithm, in Discord's order: base, @everyone's override, then the member's roles' overrides together.</summary>
public sealed class PermissionResolverTests
{
    private const Permissions Everyone = Permissions.EveryoneDefault;

    private static ChannelOverride Override(Permissions allow = Permissions.None, Permissions deny = Permissions.None) =>
        new() { ChannelId = Guid.NewGuid(), RoleId = Guid.NewGuid(), Allow = allow, Deny = deny };

    [Fact]
    public void Base_IsEveryoneOrEachRole()
    {
        var result = PermissionResolver.Base(false, Everyone, [Permissions.KickMembers, Permissions.ManageRoles]);

        Assert.Equal(Everyone | Permissions.KickMembers | Permissions.ManageRoles, result);
    }

    [Fact]
    public void Base_Owner_HasEverything_WhateverTheRoles()
    {
        Assert.Equal(Permissions.All, PermissionResolver.Base(true, Permissions.None, []));
    }

    [Fact]
    public void Base_AnyRoleWithAdministrator_HasEverything()
    {
        Assert.Equal(Permissions.All, PermissionResolver.Base(false, Permissions.None, [Permissions.None, Permissions.Administrator]));
    }

    [Fact]
    public void InChannel_NoOverrides_IsTheBase()
    {
        Assert.Equal(Everyone, PermissionResolver.InChannel(Everyone, null, [], ChannelType.Text));
    }

    [Fact]
    public void InChannel_EveryoneOverride_DeniesThenAllows()
    {
        var result = PermissionResolver.InChannel(Everyone, Override(allow: Permissions.ManageMessages, deny: Permissions.SendMessages), [], ChannelType.Text);

        Assert.False(result.HasFlag(Permissions.SendMessages));
        Assert.True(result.HasFlag(Permissions.ManageMessages));
        Assert.True(result.HasFlag(Permissions.ViewChannel));
    }

    [Fact]
    public void InChannel_RoleOverrides_ComeAfterEveryone_SoARoleAllowBeatsEveryoneDeny()
    {
        var result = PermissionResolver.InChannel(Everyone, Override(deny: Permissions.SendMessages), [Override(allow: Permissions.SendMessages)], ChannelType.Text);

        Assert.True(result.HasFlag(Permissions.SendMessages));
    }

    [Fact]
    public void InChannel_RoleOverride_DenyBeatsEveryoneAllow()
    {
        var result = PermissionResolver.InChannel(Everyone, Override(allow: Permissions.AttachFiles), [Override(deny: Permissions.AttachFiles)], ChannelType.Text);

        Assert.False(result.HasFlag(Permissions.AttachFiles));
    }

    [Fact]
    public void InChannel_OneRolesAllow_BeatsAnotherRolesDeny_InEitherOrder()
    {
        var allow = Override(allow: Permissions.SendMessages);
        var deny = Override(deny: Permissions.SendMessages);

        Assert.True(PermissionResolver.InChannel(Everyone, null, [allow, deny], ChannelType.Text).HasFlag(Permissions.SendMessages));
        Assert.True(PermissionResolver.InChannel(Everyone, null, [deny, allow], ChannelType.Text).HasFlag(Permissions.SendMessages));
    }

    [Fact]
    public void InChannel_Administrator_IgnoresEveryDeny()
    {
        var basePermissions = PermissionResolver.Base(false, Everyone, [Permissions.Administrator]);

        var result = PermissionResolver.InChannel(basePermissions, Override(deny: Permissions.ViewChannel), [Override(deny: Permissions.All)], ChannelType.Voice);

        Assert.Equal(Permissions.All, result);
    }

    [Fact]
    public void InChannel_Owner_IgnoresEveryDeny()
    {
        var basePermissions = PermissionResolver.Base(true, Permissions.None, []);

        Assert.Equal(Permissions.All, PermissionResolver.InChannel(basePermissions, Override(deny: Permissions.ViewChannel), [], ChannelType.Text));
    }

    [Fact]
    public void InChannel_WithoutViewChannel_IsNothing_EvenWithOtherAllows()
    {
        var result = PermissionResolver.InChannel(Everyone, Override(deny: Permissions.ViewChannel), [Override(allow: Permissions.SendMessages | Permissions.ManageMessages)], ChannelType.Text);

        Assert.Equal(Permissions.None, result);
    }

    [Fact]
    public void InChannel_ViewChannelAllowedByRole_RestoresTheRest()
    {
        var result = PermissionResolver.InChannel(Everyone, Override(deny: Permissions.ViewChannel), [Override(allow: Permissions.ViewChannel)], ChannelType.Text);

        Assert.True(result.HasFlag(Permissions.ViewChannel));
        Assert.True(result.HasFlag(Permissions.SendMessages));
    }

    [Fact]
    public void InChannel_VoiceWithoutConnect_HasNoSpeak()
    {
        var result = PermissionResolver.InChannel(Everyone, Override(deny: Permissions.Connect), [], ChannelType.Voice);

        Assert.False(result.HasFlag(Permissions.Connect));
        Assert.False(result.HasFlag(Permissions.Speak));
        Assert.True(result.HasFlag(Permissions.ViewChannel));
    }

    [Fact]
    public void InChannel_TextWithoutConnect_KeepsSpeakBit()
    {
        // Speak means nothing in a text channel; only a voice channel ties it to Connect.
        var result = PermissionResolver.InChannel(Everyone, Override(deny: Permissions.Connect), [], ChannelType.Text);

        Assert.True(result.HasFlag(Permissions.Speak));
    }

    [Theory]
    [InlineData(false, 3, 2, true)]
    [InlineData(false, 3, 3, false)]
    [InlineData(false, 3, 4, false)]
    [InlineData(false, 0, 0, false)]
    [InlineData(true, 0, 9, true)]
    public void CanManageRole_OnlyStrictlyBelow_UnlessOwnerOrAdmin(bool ownerOrAdmin, int actorTop, int rolePosition, bool expected)
    {
        Assert.Equal(expected, PermissionResolver.CanManageRole(ownerOrAdmin, actorTop, rolePosition));
    }

    [Theory]
    [InlineData(false, 3, false, 2, true)]
    [InlineData(false, 3, false, 3, false)]
    [InlineData(false, 3, false, 5, false)]
    [InlineData(true, 1, false, 5, true)]
    [InlineData(true, 9, true, 0, false)]
    [InlineData(false, 9, true, 0, false)]
    public void Outranks_NeverTheOwner_ElseStrictlyBelow_UnlessOwnerOrAdmin(bool ownerOrAdmin, int actorTop, bool targetIsOwner, int targetTop, bool expected)
    {
        Assert.Equal(expected, PermissionResolver.Outranks(ownerOrAdmin, actorTop, targetIsOwner, targetTop));
    }
}
