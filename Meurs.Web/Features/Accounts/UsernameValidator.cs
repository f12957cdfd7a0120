using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>Enforces <see cref="AccountRules.UsernameRule"/>, which Identity's character allow-list alone cannot express (length).</summary>
internal sealed class UsernameValidator : IUserValidator<MeursUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<MeursUser> manager, MeursUser user) =>
        Task.FromResult(AccountRules.IsValidUsername(user.UserName)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "InvalidUserName", Description = "Username must be " + AccountRules.UsernameRule }));
}
