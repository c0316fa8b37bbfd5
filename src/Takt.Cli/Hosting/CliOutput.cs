using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Takt.Cli.Hosting;

/// <summary>
/// Where a command's results go: JSON for scripts (--json), or tables and progress bars for people.
/// Progress is drawn only on a terminal, so piped output stays clean.
/// </summary>
public sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly TextWriter _out;

    public CliOutput(TextWriter output, TextWriter error, bool json, bool interactive)
    {
        _out = output;
        Error = error;
        Json = json;
        Interactive = interactive && !json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            // Piped output is for grep and logs: never wrap lines at an imagined 80 columns.
            Console.Profile.Width = 1000;
        }
    }

    public bool Json { get; }

    public bool Interactive { get; }

    public IAnsiConsole Console { get; }

    public TextWriter Error { get; }

    public void WriteJson(object value) => _out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Writes text exactly as given: documents (exports) that must not be wrapped or marked up.</summary>
    public void WriteRaw(string text) => _out.Write(text);

    public void Line(string text = "") => Console.MarkupLine(text);

    public void Plain(string text) => Console.WriteLine(text);

    /// <summary>Runs work with a progress bar on a terminal, silently otherwise.</summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<Action<int, int, string>, Task<T>> work)
    {
        if (!Interactive)
        {
            return await work((_, _, _) => { });
        }

        T result = default!;
        await Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = await work((done, total, current) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    task.Description = Markup.Escape($"{title} {Shorten(current)}");
                });
            });
        return result;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : "…" + text[^39..];
}
