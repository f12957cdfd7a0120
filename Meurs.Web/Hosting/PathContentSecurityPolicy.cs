namespace Meurs.Web.Hosting;

/// <summary>
/// A Content-Security-Policy that replaces the app's strict one under one path only, for a page the app does not
/// render itself (Hangfire's dashboard). Registered as a singleton by the feature that serves that path.
/// </summary>
/// <param name="Path">The path prefix it applies to (whole segments, e.g. <c>/admin/jobs</c>).</param>
/// <param name="Policy">The header's value there.</param>
public sealed record PathContentSecurityPolicy(PathString Path, string Policy);
