namespace CinemaAuthHost.Mail;

/// <summary>The folder of the Development mails: <c>{Data:Directory}/mail</c>.</summary>
/// <param name="Path">Its absolute path.</param>
internal sealed record PickupFolder(string Path);
