namespace Meurs.Web.Features.Profiles;

/// <summary>
/// A button another feature adds to the profile card ("Message", "Add friend"): a Razor component with the parameters
/// <c>Guid ViewerId</c> (who opened the card) and <c>Guid PersonId</c> (whose card it is), rendering nothing when the
/// action does not apply. Register with <c>services.AddSingleton(new ProfileCardAction(typeof(MyButton), order))</c>.
/// </summary>
/// <param name="Component">The component's type.</param>
/// <param name="Order">Where it goes among the actions, smallest first.</param>
public sealed record ProfileCardAction(Type Component, int Order = 0);
