namespace RbacKit;

/// <summary>The type of a list's sort key, which its <see cref="PageCursor"/> carries beside the id.</summary>
public enum PageKeyKind
{
    /// <summary>A string, ascending (for example a normalized email).</summary>
    Text = 1,

    /// <summary>A time, newest first.</summary>
    Time = 2,
}
