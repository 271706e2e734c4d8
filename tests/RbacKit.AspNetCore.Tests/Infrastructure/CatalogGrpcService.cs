using Grpc.Core;
using RbacKit.AspNetCore.Tests.Grpc;

namespace RbacKit.AspNetCore.Tests;

/// <summary>Reading needs movies:read (on the class); adding also needs movies:write (on the method).</summary>
[RequirePermission("movies:read")]
public sealed class CatalogGrpcService : Catalog.CatalogBase
{
    public override Task<MoviesReply> ListMovies(ListMoviesRequest request, ServerCallContext context) =>
        Task.FromResult(new MoviesReply { Titles = { "Metropolis" } });

    [RequirePermission("movies:write")]
    public override Task<MoviesReply> AddMovie(AddMovieRequest request, ServerCallContext context) =>
        Task.FromResult(new MoviesReply { Titles = { "Metropolis", request.Title } });
}
