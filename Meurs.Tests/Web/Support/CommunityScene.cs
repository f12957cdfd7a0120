using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// One check's server for the communities' access matrix, made through the real use cases by the
/// <see cref="AccessRole.OwnerOrAdmin"/> person of an <see cref="AccessScene"/>: an open server (with its @everyone, Admin,
/// "general" text and "General" voice channels), a category, a role "Mod" below Admin, an invite, a message of the owner
/// with a PNG attachment, an icon. The member has joined (holding only @everyone), and so has a target person (the one
/// kicked, banned, given roles); the non-member has not.
/// </summary>
public sealed record AccessServer(Guid Id, Guid TextChannelId, Guid VoiceChannelId, Guid CategoryId, Guid RoleId, Guid MessageId, Guid AttachmentId, string InviteCode, Guid TargetId, string IconFile);

/// <summary>Makes <see cref="AccessServer"/>s.</summary>
public sealed class CommunityScene(AccessScene scene)
{
    private Guid? target;

    /// <summary>A fresh server for one check.</summary>
    public async Task<AccessServer> NewServerAsync()
    {
        var factory = scene.Factory;
        target ??= await factory.WithDbAsync(async db =>
        {
            var browser = await factory.SignedUpAsync("tgt");
            browser.Dispose();
            return db.Users.Single(u => u.UserName == browser.UserName).Id;
        });
        var owner = scene.Id(AccessRole.OwnerOrAdmin);
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var server = Ok(await services.GetRequiredService<CreateServer>().HandleAsync(owner, "Matrix", "", inviteOnly: false, CancellationToken.None));
        Ok(await services.GetRequiredService<JoinServer>().HandleAsync(scene.Id(AccessRole.Member), server.Id, CancellationToken.None));
        Ok(await services.GetRequiredService<JoinServer>().HandleAsync(target.Value, server.Id, CancellationToken.None));
        var channels = Ok(await services.GetRequiredService<ListChannels>().HandleAsync(owner, server.Id, CancellationToken.None));
        var text = channels.First(c => c.Channel.Type == ChannelType.Text).Channel.Id;
        var voice = channels.First(c => c.Channel.Type == ChannelType.Voice).Channel.Id;
        var category = Ok(await services.GetRequiredService<CreateCategory>().HandleAsync(owner, server.Id, "Things", CancellationToken.None));
        var role = Ok(await services.GetRequiredService<CreateRole>().HandleAsync(owner, server.Id, new RoleDraft("Mod"), CancellationToken.None));
        var invite = Ok(await services.GetRequiredService<CreateInvite>().HandleAsync(owner, server.Id, null, null, CancellationToken.None));
        var icon = Ok(await services.GetRequiredService<SetServerImage>().HandleAsync(owner, server.Id, ServerImageKind.Icon, TestImages.Png(8, 8), CancellationToken.None));
        var store = services.GetRequiredService<AttachmentStore>();
        using var png = new MemoryStream(TestImages.Png(4, 4));
        var (staged, refused) = await store.StageAsync("picture.png", png, CancellationToken.None);
        Assert.True(refused is null, refused?.Detail);
        var sent = await services.GetRequiredService<SendMessage>().HandleAsync(new ChannelUser(owner, scene.UserName(AccessRole.OwnerOrAdmin)), text, "hello", null, [staged!], CancellationToken.None);
        Assert.True(sent.Refusal is null, sent.Refusal?.Detail);
        return new AccessServer(server.Id, text, voice, category.Id, role.Id, sent.Message!.Message.Id, sent.Message.Message.Attachments[0].Id, invite.Code, target.Value, icon.IconFile!);
    }

    private static T Ok<T>(ServerResult<T> result)
    {
        Assert.True(result.Status == ServerStatus.Ok, $"setting up the scene's server: {result.Status} {result.Detail}");
        return result.Value!;
    }
}
