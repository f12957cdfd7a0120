using Microsoft.AspNetCore.Authorization;

namespace Meurs.Web.Features.Admin;

/// <summary>The user is an administrator: see <see cref="AdminRole.IsAdminAsync"/>. Checked by <see cref="AdminAuthorizationHandler"/>.</summary>
public sealed class AdminRequirement : IAuthorizationRequirement;
