using CinemaAuthHost.External;

namespace CinemaAuthHost.Web;

/// <summary>External sign-in on the pages: the messages of the flow's error codes.</summary>
internal static class ExternalPages
{
    public static string Describe(string code) => code switch
    {
        ExternalErrors.AccessDenied => "The sign-in was cancelled at the provider. Try again, or sign in with your email and password.",
        ExternalErrors.AccountExists => "An account with this email already exists. Sign in with its password, then link the provider from your account page.",
        ExternalErrors.EmailRequired => "The provider did not share an email address. Allow it to, or sign in another way.",
        ExternalErrors.ExternalLoginTaken => "This provider login is already linked to another account.",
        ExternalErrors.InvalidState => "The sign-in took too long or was started elsewhere. Start it again.",
        _ => "The provider could not sign you in. Try again, or sign in with your email and password.",
    };
}
