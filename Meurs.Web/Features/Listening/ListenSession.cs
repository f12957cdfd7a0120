using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A listening session: a host and guests sharing one queue (<see cref="QueueItem"/>) and one playback state, which the
/// server holds and advances itself (<see cref="Playback"/>). Guests join by <see cref="Code"/>; a session started inside
/// a call (<see cref="CallId"/>) is open to everyone who may be in that call. Ended sessions stay for their log.
/// </summary>
public sealed class ListenSession
{
    /// <summary>The session id; the key, and the id of its <see cref="Realtime.ChannelKind.Listen"/> channel.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The invite code (<see cref="SessionCode.Length"/> characters of <see cref="SessionCode.Alphabet"/>), unique among open sessions.</summary>
    public required string Code { get; init; }

    /// <summary>Who started it; the host (<see cref="ListenRole.Host"/>) cannot be demoted.</summary>
    public Guid HostId { get; init; }

    /// <summary>When it started (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>When it ended (UTC), or null while open.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>When somebody was last connected to it or changed it (UTC); an open session idle for longer than the configured time ends.</summary>
    public DateTime LastActiveAt { get; set; } = DateTime.UtcNow;

    /// <summary>True when guests change the queue directly; false (default) when their changes become requests.</summary>
    public bool GuestsControlQueue { get; set; }

    /// <summary>True when guests may play, pause, seek and skip; false (default) when only the host and co-hosts may.</summary>
    public bool GuestsControlPlayback { get; set; }

    /// <summary>The call the session plays inside (a room id or a voice channel id in "N" format), or null for none.</summary>
    public string? CallId { get; init; }

    /// <summary>The queue item playing or paused, or null when nothing is (empty queue, or played to the end).</summary>
    public Guid? CurrentItemId { get; set; }

    /// <summary>Position in the current item at <see cref="UpdatedAt"/>, in milliseconds.</summary>
    public long PositionMs { get; set; }

    /// <summary>Playing, paused, or waiting for everyone to be ready.</summary>
    public PlaybackStatus Status { get; set; }

    /// <summary>When <see cref="PositionMs"/> was true, in server Unix milliseconds; while playing the position advances from it.</summary>
    public long UpdatedAt { get; set; }

    /// <summary>The playback state as a value.</summary>
    public PlaybackState Playback
    {
        get => new(CurrentItemId, PositionMs, Status, UpdatedAt);
        set => (CurrentItemId, PositionMs, Status, UpdatedAt) = (value.ItemId, value.PositionMs, value.Status, value.UpdatedAt);
    }

    /// <summary>True while the session has not ended.</summary>
    public bool IsOpen => EndedAt is null;
}

internal sealed class ListenSessionConfiguration : IEntityTypeConfiguration<ListenSession>
{
    public void Configure(EntityTypeBuilder<ListenSession> session)
    {
        session.HasKey(s => s.Id);
        session.Property(s => s.Code).HasMaxLength(SessionCode.Length).IsUnicode(false);
        session.HasIndex(s => s.Code);
        session.HasIndex(s => new { s.EndedAt, s.LastActiveAt });
        session.Property(s => s.CallId).HasMaxLength(32).IsUnicode(false);
        session.HasIndex(s => s.CallId);
        session.Ignore(s => s.Playback);
        session.Ignore(s => s.IsOpen);
        session.HasOne<MeursUser>().WithMany().HasForeignKey(s => s.HostId).OnDelete(DeleteBehavior.Cascade);
    }
}
