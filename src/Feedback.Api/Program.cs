using Feedback.Api.Cli;
using Feedback.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFeedback();

var app = builder.Build();
if (Commands.IsCommand(args))
    return await Commands.RunAsync(args, app.Services, Console.Out);

app.UseFeedback();
await app.RunAsync();
return 0;

public partial class Program;
