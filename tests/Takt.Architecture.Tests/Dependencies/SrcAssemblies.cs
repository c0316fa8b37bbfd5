using System.Reflection;
using Takt.Archive.Ingest.Manifests;
using Takt.Domain.Consent;

namespace Takt.Architecture.Tests.Dependencies;

/// <summary>
/// The assemblies built from src/. Projects with a public type are loaded through it; projects
/// that are still empty are loaded by name, so the rules hold for them from the first line of code.
/// </summary>
public static class SrcAssemblies
{
    public const string DomainName = "Takt.Domain";
    public const string PersistenceName = "Takt.Persistence";
    public const string SqliteName = "Takt.Persistence.Sqlite";
    public const string PostgreSqlName = "Takt.Persistence.PostgreSql";
    public const string ArchiveName = "Takt.Archive";
    public const string ProvenanceName = "Takt.Provenance";
    public const string EngineName = "Takt.Engine";
    public const string MediaName = "Takt.Media";

    /// <summary>Takt.Cli builds as <c>takt</c>.</summary>
    public const string CliName = "takt";

    public static Assembly DomainAssembly => typeof(ConsentPolicy).Assembly;

    public static Assembly ArchiveAssembly => typeof(ProductionManifest).Assembly;

    public static Assembly ProvenanceAssembly => typeof(Takt.Provenance.Lineage.LineageIndex).Assembly;

    public static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    /// <summary>Every src assembly in this test's output: the eight libraries, plus the CLI when it is referenced.</summary>
    public static IReadOnlyList<Assembly> All()
    {
        var names = new List<string> { DomainName, PersistenceName, SqliteName, PostgreSqlName, ArchiveName, ProvenanceName, EngineName, MediaName };
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, CliName + ".dll")))
        {
            names.Add(CliName);
        }

        return names.Select(Load).ToList();
    }

    public static IReadOnlyList<string> ReferencedNames(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

    public static bool IsFramework(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib";

    public static bool IsTestAssembly(string name) =>
        name.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Takt.TestKit", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("CsCheck", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.Testing.", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.TestPlatform", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.VisualStudio.TestPlatform", StringComparison.OrdinalIgnoreCase);
}
