using RbacKit;

namespace CinemaAuthHost.Hosting;

/// <summary>The cinema's permission catalog and roles, declared in code.</summary>
public static class CinemaPermissions
{
    public const string MoviesRead = "movies:read";
    public const string MoviesWrite = "movies:write";

    public static void Declare(RbacKitOptions options)
    {
        options.Permissions
            .Add(MoviesRead, "Read movies, authors and series.")
            .Add(MoviesWrite, "Create, change and delete movies, authors and series.");
        options.Roles.Add("moderator", "Curates the catalogue.", MoviesRead, MoviesWrite);
        options.Roles.Add(RoleDefinitionCollection.User, "Every registered viewer.", MoviesRead);
    }
}
