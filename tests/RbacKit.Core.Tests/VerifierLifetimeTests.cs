using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>Signature verifiers: pooled per key, disposed when their key is withdrawn or replaced (issue 13).</summary>
public sealed class VerifierLifetimeTests
{
    [Fact]
    public void A_verifier_is_disposed_when_its_key_leaves_the_source_and_the_next_token_of_it_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var keys = new Keys { ["k1"] = new RsaSecurityKey(rsa.ExportParameters(false)) };
        var verifiers = new KeyVerifiers(keys);
        Assert.Equal(TokenFailure.None, verifiers.Find("k1", JwsAlgorithm.RS256, out var verifier));

        keys.Remove("k1");
        Assert.Equal(TokenFailure.UnknownKey, verifiers.Find("k1", JwsAlgorithm.RS256, out _));
        Assert.True(verifier!.IsDisposed);
    }

    [Fact]
    public void A_replaced_key_gets_a_new_verifier_and_the_old_one_is_disposed()
    {
        var keys = new Keys { ["k1"] = Hmac(1) };
        var verifiers = new KeyVerifiers(keys);
        verifiers.Find("k1", JwsAlgorithm.HS256, out var first);

        keys["k1"] = Hmac(2);
        Assert.Equal(TokenFailure.None, verifiers.Find("k1", JwsAlgorithm.HS256, out var second));
        Assert.NotSame(first, second);
        Assert.True(first!.IsDisposed);
        Assert.False(second!.IsDisposed);
        Assert.True(second.Verify("input"u8, HMACSHA256.HashData(Secret(2), "input"u8)));
    }

    [Fact]
    public void A_sweep_disposes_the_verifiers_of_every_withdrawn_key_and_keeps_the_rest()
    {
        var keys = new Keys { ["k1"] = Hmac(1), ["k2"] = Hmac(2) };
        var verifiers = new KeyVerifiers(keys);
        verifiers.Find("k1", JwsAlgorithm.HS256, out var one);
        verifiers.Find("k2", JwsAlgorithm.HS256, out var two);

        keys.Remove("k2");
        verifiers.Sweep();
        Assert.False(one!.IsDisposed);
        Assert.True(two!.IsDisposed);
    }

    [Fact]
    public void The_header_alg_must_be_the_keys_own_algorithm()
    {
        using var rsa = RSA.Create(2048);
        var keys = new Keys { ["k1"] = new RsaSecurityKey(rsa.ExportParameters(false)) };
        Assert.Equal(TokenFailure.UnsupportedAlgorithm, new KeyVerifiers(keys).Find("k1", JwsAlgorithm.HS256, out var verifier));
        Assert.Null(verifier);
    }

    [Fact]
    public void An_instance_rented_when_its_pool_is_disposed_is_disposed_on_return_and_the_pool_keeps_none()
    {
        var created = new List<Tracked>();
        var pool = new InstancePool<Tracked>(() =>
        {
            var t = new Tracked();
            created.Add(t);
            return t;
        });
        var idle = pool.Rent();
        var busy = pool.Rent();
        pool.Return(idle);
        Assert.Same(idle, pool.Rent()); // reused
        pool.Return(idle);

        pool.Dispose();
        Assert.True(idle.Disposed);
        Assert.False(busy.Disposed); // still in use: never disposed under its user
        pool.Return(busy);
        Assert.True(busy.Disposed);
        Assert.True(pool.IsClosed);
        var late = pool.Rent(); // a caller that raced the withdrawal still gets a working instance
        pool.Return(late);
        Assert.True(late.Disposed);
        Assert.Equal(3, created.Count);
    }

    [Fact]
    public async Task Verifying_from_many_threads_at_once_gives_the_right_answer_every_time()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var input = Encoding.ASCII.GetBytes("header.payload");
        var signature = ec.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var verifier = SignatureVerifier.Create(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))), JwsAlgorithm.ES256)!;
        var wrong = (byte[])signature.Clone();
        wrong[10] ^= 1;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).All(i => verifier.Verify(input, signature) && !verifier.Verify(input, wrong)))));
        Assert.All(results, Assert.True);
    }

    private static byte[] Secret(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    private static SymmetricSecurityKey Hmac(byte fill) => new(Secret(fill));

    private sealed class Tracked : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class Keys : Dictionary<string, SecurityKey>, IValidationKeySource
    {
        public bool TryGetKey(string keyId, [NotNullWhen(true)] out SecurityKey? key, [NotNullWhen(true)] out string? algorithm)
        {
            key = TryGetValue(keyId, out var found) ? found : null;
            algorithm = key switch
            {
                RsaSecurityKey => SigningAlgorithms.RS256,
                ECDsaSecurityKey => SigningAlgorithms.ES256,
                SymmetricSecurityKey => SigningAlgorithms.HS256,
                _ => null,
            };
            return key is not null;
        }

        public ValueTask<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
