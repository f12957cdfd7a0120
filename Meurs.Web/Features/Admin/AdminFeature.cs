using Microsoft.AspNetCore.Authorization;

namespace Meurs.Web.Features.Admin;

/// <summary>The <see cref="AdminPolicy"/> authorization policy, its handler, the 403 for non-administrators and <see cref="AdminRole"/>.</summary>
internal static class AdminFeature
{
    /// <summary>Registers the admin policy and its handlers.</summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdminRequirement()));
        builder.Services.AddScoped<IAuthorizationHandler, AdminAuthorizationHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdminForbiddenResultHandler>();
        builder.Services.AddScoped<AdminRole>();
        return builder;
    }
}
