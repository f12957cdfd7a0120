namespace Meurs.Web.Features.Listening;

/// <summary>Where a request stands; on the wire <c>pending</c>, <c>approved</c> or <c>denied</c>. Only a pending request can be decided, once.</summary>
public enum ListenRequestStatus
{
    /// <summary>Waiting for the host or a co-host.</summary>
    Pending,

    /// <summary>Approved and applied (exactly once).</summary>
    Approved,

    /// <summary>Denied, perhaps with a reason; nothing changed.</summary>
    Denied,
}
