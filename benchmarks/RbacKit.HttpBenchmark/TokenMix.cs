using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Benchmarks.Infrastructure;
using RbacKit.Domain;
using RbacKit.Keys;
using RbacKit.Stores;
using RbacKit.Tokens;

namespace RbacKit.HttpBenchmark;

/// <summary>
/// The token mixes of benchmarks/token-mix.sh: many tokens of distinct users, signed by RbacKit's issuer on the key the
/// server validates with. Two start-up options (removed from the arguments before the host sees them):
/// <list type="bullet">
/// <item><c>--tokens-key PATH</c>: the key ring's key is read from PATH when it exists, else created and written there,
/// so the token writer (one process, on every core) and the server (another, pinned) share it.</item>
/// <item><c>--write-tokens PATH --tokens N</c>: writes N tokens, one a line, each of a new random user and session
/// (2 roles, 10 permissions, like <see cref="TokenSource"/>), signed in parallel, and exits without serving.</item>
/// </list>
/// </summary>
internal static class TokenMix
{
    private static readonly string[] Roles = ["moderator", "user"];

    private static readonly string[] Permissions =
        ["movies:read", "movies:write", "series:read", "series:write", "authors:read", "authors:write", "reviews:read", "reviews:moderate", "users:read", "sessions:read"];

    /// <summary>The token source for this process; <paramref name="exit"/> is true when the tokens were written and the
    /// process should not serve.</summary>
    public static TokenSource Start(ref string[] args, out bool exit)
    {
        var keyPath = Take(ref args, "--tokens-key");
        var writePath = Take(ref args, "--write-tokens");
        var count = Take(ref args, "--tokens") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 0;
        exit = false;
        if (keyPath is null)
        {
            if (writePath is not null)
            {
                throw new ArgumentException("--write-tokens needs --tokens-key (the server must validate with the same key)");
            }

            return TokenSource.Create();
        }

        var store = new InMemorySigningKeyStore();
        string kek;
        TokenSource source;
        if (File.Exists(keyPath))
        {
            var lines = File.ReadAllLines(keyPath);
            kek = lines[0];
            store.AddAsync(
                new SigningKey
                {
                    KeyId = lines[1],
                    Algorithm = lines[2],
                    ProtectedKey = Convert.FromBase64String(lines[3]),
                    CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(lines[4], CultureInfo.InvariantCulture)),
                },
                default).GetAwaiter().GetResult();
            source = TokenSource.Create(store, kek);
        }
        else
        {
            kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            source = TokenSource.Create(store, kek);
            var key = store.ListAsync(default).GetAwaiter().GetResult().Single();
            File.WriteAllLines(keyPath, [kek, key.KeyId, key.Algorithm, Convert.ToBase64String(key.ProtectedKey), key.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)]);
        }

        if (writePath is not null)
        {
            Write(writePath, count, store, kek);
            exit = true;
        }

        return source;
    }

    private static void Write(string path, int count, ISigningKeyStore store, string kek)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRbacKitCore(o =>
        {
            o.Issuer = TokenSource.Issuer;
            o.Audience = TokenSource.Audience;
            o.Tokens.Algorithm = SecurityAlgorithms.RsaSha256;
            o.Tokens.KeyEncryptionKey = kek;
            o.Tokens.AccessTokenLifetime = TimeSpan.FromHours(1);
        });
        services.AddSingleton(store);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IKeyRing>().InitializeAsync(default).GetAwaiter().GetResult();
        var issuer = provider.GetRequiredService<IAccessTokenIssuer>();
        var tokens = new string[count];
        // RS256 signing is the cost (a few hundred microseconds each): every core signs.
        Parallel.For(0, count, i =>
        {
            var subject = new AccessTokenSubject(Guid.NewGuid(), Guid.NewGuid(), 7, Roles, Permissions);
            tokens[i] = issuer.IssueAsync(subject, default).GetAwaiter().GetResult().Token;
        });
        if (tokens.Distinct(StringComparer.Ordinal).Count() != count)
        {
            throw new InvalidOperationException("two tokens are the same");
        }

        File.WriteAllLines(path, tokens);
    }

    private static string? Take(ref string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= args.Length)
        {
            throw new ArgumentException($"{name} needs a value");
        }

        var value = args[at + 1];
        args = [.. args[..at], .. args[(at + 2)..]];
        return value;
    }
}
