using System.Security.Claims;
using Meurs.Web.Data;
using Meurs.Web.Features.Jobs;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// ASP.NET Core Identity with cookie sign-in, the username and password rules and lockout; personal access tokens
/// (bearer) for API clients. The default scheme picks one per request (<see cref="AccessTokenAuthentication.SelectScheme"/>).
/// </summary>
internal static class AccountsFeature
{
    /// <summary>Registers authentication, Identity, access tokens, the account use cases and the expired-token sweep.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddAuthentication(AccessTokenAuthentication.DefaultScheme)
            .AddPolicyScheme(AccessTokenAuthentication.DefaultScheme, "Cookie or bearer token", policy => policy.ForwardDefaultSelector = AccessTokenAuthentication.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthentication.Scheme, configureOptions: null)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/login";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Cookie.Name = "meurs.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            // Every request's cookie is checked against the account's security stamp, instead of Identity's check every
            // 30 minutes: logging out, changing the password and `meurs users disable` end a session at once.
            cookie.Events.OnValidatePrincipal = SessionCredentials.ValidateCookieAsync;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessTokenAuthentication.ApiPolicy, policy => policy
                .AddAuthenticationSchemes(AccessTokenAuthentication.Scheme)
                .RequireAuthenticatedUser());
        builder.Services.AddCascadingAuthenticationState();

        builder.Services
            .AddIdentityCore<MeursUser>(identity =>
            {
                identity.User.RequireUniqueEmail = false;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
                identity.Password.RequiredLength = AccountRules.PasswordMinLength;
                identity.Password.RequiredUniqueChars = 4;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = AccountRules.MaxFailedAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(AccountRules.LockoutMinutes);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<MeursDbContext>()
            .AddSignInManager()
            .AddUserValidator<UsernameValidator>()
            .AddPasswordValidator<PasswordLengthValidator>();

        builder.Services.AddOptions<AccessTokensOptions>()
            .BindConfiguration(AccessTokensOptions.SectionName)
            .Validate(options => options.IsValid(), $"{AccessTokensOptions.SectionName}:DefaultLifetime must be 1 to {AccessToken.MaxLifetimeDays} days, RequestBurst at least 1 and RequestsPerMinute at least 1.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(AccessTokenRateLimit.Configure);
        builder.Services.AddOptions<SignInLimitsOptions>()
            .BindConfiguration(SignInLimitsOptions.SectionName)
            .Validate(options => options.IsValid(), $"{SignInLimitsOptions.SectionName}: every limit must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(SignInRateLimit.Configure);
        builder.Services.AddScoped<CheckCredentials>();
        builder.Services.AddScoped<EndSessions>();
        builder.Services.AddScoped<ChangePassword>();
        builder.Services.AddSingleton<ISocketCredentials, SessionCredentials>();
        builder.Services.AddScoped<RegisterAccount>();
        builder.Services.AddScoped<IssueLoginToken>();
        builder.Services.AddScoped<CreateAccessToken>();
        builder.Services.AddScoped<RevokeAccessToken>();
        builder.Services.AddScoped<ListAccessTokens>();
        builder.Services.AddRecurringJob<SweepExpiredTokens>("17 * * * *");
        return builder;
    }

    /// <summary>Maps the account actions that are not pages: log out, and the JSON API (<see cref="AccountsApi"/>). Sign-up and log-in are form-handling pages.</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token, checked by the framework), never a GET: a link must not log you out.
        // Logging out ends the session on the server (EndSessions), not only in this browser's cookie jar.
        app.MapPost("/logout", async (IFormCollection form, ClaimsPrincipal user, EndSessions end) =>
        {
            _ = form; // bound only so the framework validates the form's antiforgery token (it checks form-bound endpoints only)
            await end.HandleAsync(user);
            return Results.LocalRedirect("/login");
        }).RequireAuthorization();
        app.MapAccountsApi();
        return app;
    }
}
