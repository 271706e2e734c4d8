using RbacKit.Caching;

namespace RbacKit.AspNetCore;

/// <summary>
/// Recent changes kept where a service that starts (or reconnects) later can read them: a resource server replays the
/// revocations made before it subscribed, which pub/sub alone would never tell it.
/// </summary>
internal interface IChangeJournal
{
    /// <summary>Raised with each journaled change (and when it happened) every time the feed (re)connects.</summary>
    event Action<AuthorizationChange, DateTimeOffset>? Replayed;
}
