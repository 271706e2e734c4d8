using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The user-information endpoints of <see cref="ProviderStandIn"/>, one per provider, each answering with the shape the
/// real provider uses (documented on <see cref="ProviderStandIn"/>) to a bearer token it issued.
/// </summary>
public sealed partial class ProviderStandIn
{
    private IResult YandexInfo(HttpContext context)
    {
        if (context.Request.Query["format"] != "json" || Bearer(context, "OAuth ") is not { } grant || grant.Kind != StandInKind.Yandex)
        {
            return Results.Unauthorized();
        }

        var id = IdOf(StandInKind.Yandex, grant.Login);
        var user = new JsonObject
        {
            ["id"] = id,
            ["login"] = "user" + id,
            ["client_id"] = ClientId(StandInKind.Yandex),
            ["display_name"] = "Ivan",
            ["real_name"] = "Ivan Petrov",
            ["first_name"] = "Ivan",
            ["last_name"] = "Petrov",
            ["sex"] = "male",
            ["psuid"] = "1.AAAA.stand-in",
        };
        if (grant.Scopes.Contains("login:email"))
        {
            user["default_email"] = Address(grant.Login);
            user["emails"] = new JsonArray(Address(grant.Login));
        }

        return Results.Text(user.ToJsonString(), "application/json");
    }

    private IResult GitHubUser(HttpContext context)
    {
        if (GitHubGrant(context, out var refused) is not { } grant)
        {
            return refused!;
        }

        var id = long.Parse(IdOf(StandInKind.GitHub, grant.Login), System.Globalization.CultureInfo.InvariantCulture);
        return Results.Text(new JsonObject
        {
            ["login"] = "octo" + id,
            ["id"] = id,
            ["node_id"] = "MDQ6VXNlcj" + id,
            ["type"] = "User",
            ["name"] = "Mona Lisa",
            ["email"] = null, // the public address; the account's addresses come from /user/emails
        }.ToJsonString(), "application/json");
    }

    private IResult GitHubEmails(HttpContext context)
    {
        if (GitHubGrant(context, out var refused) is not { } grant)
        {
            return refused!;
        }

        if (!grant.Scopes.Contains("user:email"))
        {
            return Results.Text("""{"message":"Not Found"}""", "application/json", statusCode: 404);
        }

        // A verified secondary address first: the client must pick the primary one, with the primary's own flag.
        return Results.Text(new JsonArray(
            new JsonObject { ["email"] = $"secondary-{IdOf(StandInKind.GitHub, grant.Login)}@users.noreply.github.com", ["primary"] = false, ["verified"] = true, ["visibility"] = null },
            new JsonObject { ["email"] = Address(grant.Login), ["primary"] = true, ["verified"] = Verified(grant.Login), ["visibility"] = "private" }).ToJsonString(), "application/json");
    }

    private Grant? GitHubGrant(HttpContext context, out IResult? refused)
    {
        refused = null;
        if (string.IsNullOrEmpty(context.Request.Headers.UserAgent))
        {
            refused = Results.Text("""{"message":"Request forbidden by administrative rules. Please make sure your request has a User-Agent header"}""", "application/json", statusCode: 403);
            return null;
        }

        if ((Bearer(context, "Bearer ") ?? Bearer(context, "token ")) is not { Kind: StandInKind.GitHub } grant)
        {
            refused = Results.Text("""{"message":"Bad credentials"}""", "application/json", statusCode: 401);
            return null;
        }

        return grant;
    }

    private IResult GoogleUserInfo(HttpContext context)
    {
        if (Bearer(context, "Bearer ") is not { Kind: StandInKind.Google } grant)
        {
            return Results.Text("""{"error":"invalid_request","error_description":"Invalid Credentials"}""", "application/json", statusCode: 401);
        }

        var user = new JsonObject
        {
            ["sub"] = IdOf(StandInKind.Google, grant.Login),
            ["name"] = "Jane Doe",
            ["given_name"] = "Jane",
            ["family_name"] = "Doe",
            ["picture"] = "https://lh3.googleusercontent.com/a/stand-in",
            ["locale"] = "en",
        };
        if (grant.Scopes.Contains("email"))
        {
            user["email"] = Address(grant.Login);
            user["email_verified"] = Verified(grant.Login);
        }

        return Results.Text(user.ToJsonString(), "application/json");
    }

    private Grant? Bearer(HttpContext context, string scheme)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && _tokens.TryGetValue(header[scheme.Length..], out var grant) ? grant : null;
    }
}
