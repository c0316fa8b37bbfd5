using Takt.Cli;

return await TaktCommand.RunAsync(args, Console.Out, Console.Error);
