namespace RbacKit.AspNetCore;

/// <summary>The names (<c>WithName</c>, OpenAPI operation ids) of RbacKit's endpoints; use them to disable one with <see cref="RbacKitEndpointOptions.Disable"/>.</summary>
public static class RbacKitEndpointNames
{
#pragma warning disable CS1591 // The names say what they are.
    public const string Register = "RbacKit.Auth.Register";
    public const string Login = "RbacKit.Auth.Login";
    public const string Refresh = "RbacKit.Auth.Refresh";
    public const string Logout = "RbacKit.Auth.Logout";
    public const string LogoutOthers = "RbacKit.Auth.LogoutOthers";
    public const string ConfirmEmail = "RbacKit.Auth.ConfirmEmail";
    public const string ResendConfirmation = "RbacKit.Auth.ResendConfirmation";
    public const string ForgotPassword = "RbacKit.Auth.ForgotPassword";
    public const string ResetPassword = "RbacKit.Auth.ResetPassword";

    public const string GetProfile = "RbacKit.Account.GetProfile";
    public const string UpdateProfile = "RbacKit.Account.UpdateProfile";
    public const string ChangePassword = "RbacKit.Account.ChangePassword";
    public const string ChangeEmail = "RbacKit.Account.ChangeEmail";
    public const string DeleteAccount = "RbacKit.Account.Delete";
    public const string GetMyPermissions = "RbacKit.Account.GetPermissions";
    public const string ListSessions = "RbacKit.Account.ListSessions";
    public const string EndSession = "RbacKit.Account.EndSession";
    public const string LoginHistory = "RbacKit.Account.LoginHistory";
    public const string MfaSetup = "RbacKit.Account.MfaSetup";
    public const string MfaConfirm = "RbacKit.Account.MfaConfirm";
    public const string MfaDisable = "RbacKit.Account.MfaDisable";

    public const string ListPermissions = "RbacKit.Admin.ListPermissions";
    public const string ListRoles = "RbacKit.Admin.ListRoles";
    public const string CreateRole = "RbacKit.Admin.CreateRole";
    public const string GetRole = "RbacKit.Admin.GetRole";
    public const string UpdateRole = "RbacKit.Admin.UpdateRole";
    public const string DeleteRole = "RbacKit.Admin.DeleteRole";
    public const string ListUsers = "RbacKit.Admin.ListUsers";
    public const string GetUser = "RbacKit.Admin.GetUser";
    public const string GrantRole = "RbacKit.Admin.GrantRole";
    public const string RevokeRole = "RbacKit.Admin.RevokeRole";
    public const string EndUserSessions = "RbacKit.Admin.EndUserSessions";
    public const string CheckUserPermission = "RbacKit.Admin.CheckUserPermission";
    public const string CheckMyPermission = "RbacKit.Admin.CheckMyPermission";
    public const string ListAuditEvents = "RbacKit.Admin.ListAuditEvents";

    public const string ListClients = "RbacKit.Clients.List";
    public const string GetClient = "RbacKit.Clients.Get";
    public const string CreateClient = "RbacKit.Clients.Create";
    public const string RotateClientSecret = "RbacKit.Clients.RotateSecret";
    public const string DeleteClient = "RbacKit.Clients.Delete";

    public const string OAuthToken = "RbacKit.OAuth.Token";
    public const string OAuthRevoke = "RbacKit.OAuth.Revoke";
    public const string OAuthIntrospect = "RbacKit.OAuth.Introspect";

    public const string Jwks = "RbacKit.WellKnown.Jwks";
    public const string AuthorizationServerMetadata = "RbacKit.WellKnown.AuthorizationServerMetadata";
    public const string OpenIdConfiguration = "RbacKit.WellKnown.OpenIdConfiguration";
#pragma warning restore CS1591
}
