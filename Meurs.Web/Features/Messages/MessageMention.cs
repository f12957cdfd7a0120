using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Messages;

/// <summary>A person or a role a message mentions (<c>@name</c>); exactly one of <see cref="UserId"/> and <see cref="RoleId"/> is set.</summary>
public sealed class MessageMention
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The message.</summary>
    public Guid MessageId { get; init; }

    /// <summary>The person mentioned, or null for a role mention.</summary>
    public Guid? UserId { get; init; }

    /// <summary>Their username when mentioned, or null.</summary>
    public string? UserName { get; init; }

    /// <summary>The role mentioned, or null for a person mention.</summary>
    public Guid? RoleId { get; init; }

    /// <summary>The role's name when mentioned, or null.</summary>
    public string? RoleName { get; init; }
}

internal sealed class MessageMentionConfiguration : IEntityTypeConfiguration<MessageMention>
{
    public void Configure(EntityTypeBuilder<MessageMention> mention)
    {
        mention.HasKey(m => m.Id);
        mention.Property(m => m.UserName).HasMaxLength(64);
        mention.Property(m => m.RoleName).HasMaxLength(100);
        mention.HasIndex(m => m.MessageId);
        mention.HasIndex(m => m.UserId);
    }
}
