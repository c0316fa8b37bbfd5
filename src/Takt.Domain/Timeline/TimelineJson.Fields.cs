using System.Text.Json;

namespace Takt.Domain.Timeline;

public static partial class TimelineJson
{
    /// <summary>A JSON object's fields, read strictly: duplicates refused at once, missing on demand, unknown at <see cref="End"/>.</summary>
    private sealed class JsonFields
    {
        private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);
        private readonly string _path;

        public JsonFields(JsonElement element, string path)
        {
            _path = path;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ReadProblem($"{path}: expected an object, not {Describe(element)}");
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!_fields.TryAdd(property.Name, property.Value))
                {
                    throw new ReadProblem($"{path}.{property.Name}: appears twice");
                }
            }
        }

        public IReadOnlyCollection<string> Names => _fields.Keys;

        public JsonElement Required(string name)
        {
            _read.Add(name);
            return _fields.TryGetValue(name, out var value) ? value : throw new ReadProblem($"{_path}.{name}: missing");
        }

        public JsonElement? Optional(string name)
        {
            _read.Add(name);
            return _fields.TryGetValue(name, out var value) ? value : null;
        }

        public void End()
        {
            if (_fields.Keys.FirstOrDefault(n => !_read.Contains(n)) is { } unknown)
            {
                throw new ReadProblem($"{_path}.{unknown}: unknown field");
            }
        }
    }

    /// <summary>A reading problem, already phrased with its JSON path; caught in <see cref="TryRead"/>.</summary>
    private sealed class ReadProblem(string message) : Exception(message);
}
