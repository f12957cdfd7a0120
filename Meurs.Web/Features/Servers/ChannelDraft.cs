namespace Meurs.Web.Features.Servers;

/// <summary>A new channel for <see cref="CreateChannel"/>.</summary>
/// <param name="Name">1–<see cref="ServerChannel.MaxNameLength"/> characters.</param>
/// <param name="Type">Text or voice.</param>
/// <param name="Topic">Up to <see cref="ServerChannel.MaxTopicLength"/> characters, or null.</param>
/// <param name="CategoryId">A category of the same server, or null for none.</param>
public sealed record ChannelDraft(string? Name, ChannelType Type = ChannelType.Text, string? Topic = null, Guid? CategoryId = null);

/// <summary>What <see cref="UpdateChannel"/> changes; null fields (and <paramref name="MoveToCategory"/> false) are left as they are.</summary>
/// <param name="Name">A new name.</param>
/// <param name="Topic">A new topic ("" clears it).</param>
/// <param name="MoveToCategory">True to move the channel to the end of <paramref name="CategoryId"/> (null: no category).</param>
/// <param name="CategoryId">The category to move to.</param>
public sealed record ChannelChanges(string? Name = null, string? Topic = null, bool MoveToCategory = false, Guid? CategoryId = null);
