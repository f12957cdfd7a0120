namespace Meurs.Web.Features.Listening;

/// <summary>What a guest asked for; on the wire the original player's <c>request_type</c>: <c>add</c>, <c>remove</c> or <c>reorder</c>.</summary>
public enum ListenRequestKind
{
    /// <summary>Add <see cref="ListenRequest.MediaId"/> to the end of the queue.</summary>
    Add,

    /// <summary>Remove queue item <see cref="ListenRequest.ItemId"/>.</summary>
    Remove,

    /// <summary>Move queue item <see cref="ListenRequest.ItemId"/> to <see cref="ListenRequest.NewPosition"/>.</summary>
    Reorder,
}
