namespace RbacKit.Core.Tests;

public sealed class PagingTests
{
    [Fact]
    public void A_cursor_round_trips_its_key_id_and_page()
    {
        var id = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 12, 3, 7, 30, 1, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var time = PageCursor.TryDecode("history", PageKeyKind.Time, PageCursor.After(at, id, 7).Encode("history"));
        Assert.NotNull(time);
        Assert.Equal((at, id, 7, PageKeyKind.Time), (time.At, time.Id, time.Page, time.Kind));
        Assert.Equal(TimeSpan.Zero, time.At.Offset);

        var text = PageCursor.TryDecode("users", PageKeyKind.Text, PageCursor.After("ÅSA@EXAMPLE.COM", id, 2).Encode("users"));
        Assert.NotNull(text);
        Assert.Equal(("ÅSA@EXAMPLE.COM", id, 2), (text.Text, text.Id, text.Page));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("AAAA")]
    [InlineData("%00")]
    public void Garbage_is_no_cursor(string value) => Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Text, value));

    [Theory]
    [InlineData("A@EXAMPLE.COM")]
    [InlineData("AB@EXAMPLE.COM")]
    [InlineData("ABC@EXAMPLE.COM")]
    public void An_edited_cursor_or_one_of_another_list_or_kind_does_not_decode(string email)
    {
        var encoded = PageCursor.After(email, Guid.CreateVersion7(), 2).Encode("users");
        Assert.NotNull(PageCursor.TryDecode("users", PageKeyKind.Text, encoded));
        Assert.Null(PageCursor.TryDecode("audit-events", PageKeyKind.Text, encoded));
        Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Time, encoded));
        Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Text, encoded[..^2]));
        for (var i = 0; i < encoded.Length; i++)
        {
            var edited = encoded[..i] + (encoded[i] == 'A' ? 'B' : 'A') + encoded[(i + 1)..];
            Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Text, edited));
        }

        Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Text, new string('A', PageCursor.MaxEncodedLength + 4)));
    }

    [Fact]
    public void A_cursor_whose_next_page_would_not_fit_does_not_decode()
    {
        var last = PageCursor.After("A@EXAMPLE.COM", Guid.CreateVersion7(), int.MaxValue).Encode("users");
        Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Text, last));
        var almost = PageCursor.After("A@EXAMPLE.COM", Guid.CreateVersion7(), int.MaxValue - 1).Encode("users");
        Assert.Null(Paging.Validate(1, 2, almost, "users", PageKeyKind.Text, out var request));
        var next = request.ToResult(["a", "b", "c"], 3, s => s, _ => Guid.Empty);
        Assert.Null(PageCursor.TryDecode("users", PageKeyKind.Text, next.NextCursor));
    }

    [Fact]
    public void Validation_names_the_field_and_a_cursor_ignores_page()
    {
        Assert.Equal("cursor", Assert.Single(Paging.Validate(1, 20, "garbage", "users", PageKeyKind.Text, out _)!.Errors!).Key);
        Assert.Equal("page", Assert.Single(Paging.Validate(501, 20, null, "users", PageKeyKind.Text, out _)!.Errors!).Key);
        Assert.Equal("page", Assert.Single(Paging.Validate(0, 20, null, "users", PageKeyKind.Text, out _)!.Errors!).Key);
        Assert.Equal("pageSize", Assert.Single(Paging.Validate(1, 101, null, "users", PageKeyKind.Text, out _)!.Errors!).Key);
        Assert.All([Paging.Validate(1, 20, "garbage", "users", PageKeyKind.Text, out _)!, Paging.Validate(501, 20, null, "users", PageKeyKind.Text, out _)!],
            e => Assert.Equal(RbacErrorCodes.ValidationFailed, e.Code));

        Assert.Null(Paging.Validate(500, 20, null, "users", PageKeyKind.Text, out var deepest));
        Assert.Equal(9980, deepest.Offset);

        var cursor = PageCursor.After("B@EXAMPLE.COM", Guid.CreateVersion7(), 900).Encode("users");
        Assert.Null(Paging.Validate(99_999, 20, cursor, "users", PageKeyKind.Text, out var after));
        Assert.Equal((900, 0, 21), (after.Page, after.Offset, after.Take));
        Assert.Equal("B@EXAMPLE.COM", after.After!.Text);
    }

    [Fact]
    public void A_result_has_more_only_with_an_extra_row_and_caps_its_total()
    {
        var request = PageRequest.First("users", 2);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToArray();
        var full = request.ToResult(["a", "b", "c"], Paging.CountLimit, s => s, s => ids[s[0] - 'a']);
        Assert.Equal(["a", "b"], full.Items);
        Assert.True(full.HasMore);
        Assert.True(full.TotalIsCapped);
        Assert.Equal(Paging.TotalCap, full.Total);
        var next = PageCursor.TryDecode("users", PageKeyKind.Text, full.NextCursor);
        Assert.Equal(("b", ids[1], 2), (next!.Text, next.Id, next.Page));

        var last = request.ToResult(["a", "b"], 2, s => s, s => ids[s[0] - 'a']);
        Assert.False(last.HasMore);
        Assert.Null(last.NextCursor);
        Assert.False(last.TotalIsCapped);
        Assert.Equal(2, last.Total);
        Assert.Equal(full.NextCursor, full.Map(s => s.ToUpperInvariant()).NextCursor);
    }
}
