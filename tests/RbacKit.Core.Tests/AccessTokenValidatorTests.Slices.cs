using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>Validation of a token given as a slice of a longer text (the <c>Authorization</c> header).</summary>
public sealed partial class AccessTokenValidatorTests
{
    private ValueTask<AccessTokenValidationResult> ValidateSliceAsync(string header) =>
        _validator.ValidateAsync(header.AsMemory("Bearer ".Length), default);

    [Fact]
    public async Task A_slice_validates_like_the_string_and_a_seen_one_is_the_cached_result()
    {
        var token = Sign(Header(), Claims());
        var first = await ValidateSliceAsync("Bearer " + token);
        Assert.True(first.IsValid);

        var byString = await ValidateAsync(token);
        var bySlice = await ValidateSliceAsync("Bearer " + token);
        Assert.Same(first.Token, byString.Token);
        Assert.Same(first.Token, bySlice.Token);
    }

    [Fact]
    public async Task A_cached_slice_allocates_nothing()
    {
        var header = "Bearer " + Sign(Header(), Claims());
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ValidateSliceAsync(header)).IsValid);
        }

        await AssertValidWithoutAllocatingAsync(() => ValidateSliceAsync(header));
    }

    [Fact]
    public async Task A_cached_slice_past_its_expiry_is_expired_and_forgotten()
    {
        var token = Sign(Header(), Claims(exp: (Now + 60).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True((await ValidateSliceAsync("Bearer " + token)).IsValid);
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TokenFailure.Expired, (await ValidateSliceAsync("Bearer " + token)).Failure);
        Assert.Equal(TokenFailure.Expired, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Bad_slices_get_the_string_path_answers()
    {
        Assert.Equal(TokenFailure.Malformed, (await _validator.ValidateAsync(ReadOnlyMemory<char>.Empty, default)).Failure);
        Assert.Equal(TokenFailure.TooLarge, (await _validator.ValidateAsync(new string('a', 100_000).AsMemory(), default)).Failure);
        var token = Sign(Header(), Claims());
        var at = token.Length - 10; // inside the signature, clear of its last (partly padding) character
        var tampered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateSliceAsync("Bearer " + tampered)).Failure);

        // A slice that ends inside a longer cached token is not that token.
        Assert.True((await ValidateAsync(token)).IsValid);
        Assert.False((await _validator.ValidateAsync(token.AsMemory(0, token.Length - 1), default)).IsValid);
    }
}
