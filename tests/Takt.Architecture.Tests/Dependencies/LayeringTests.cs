using System.Xml.Linq;
using static Takt.Architecture.Tests.Dependencies.SrcAssemblies;

namespace Takt.Architecture.Tests.Dependencies;

/// <summary>Which src assembly may depend on which, read from the compiled assemblies' metadata.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void Domain_References_OnlyFrameworkAssemblies()
    {
        var references = ReferencedNames(DomainAssembly);

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(IsFramework(name), $"Takt.Domain must stay pure but references {name}"));
    }

    [Fact]
    public void Domain_ProjectFile_HasNoPackageOrProjectReferences()
    {
        var project = ProjectFile(DomainName);

        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("ProjectReference"));
    }

    [Fact]
    public void Persistence_References_DomainNotArchiveOrCli()
    {
        var persistence = Load(PersistenceName);
        var references = ReferencedNames(persistence);

        Assert.DoesNotContain(ArchiveName, references);
        Assert.DoesNotContain(CliName, references);
        Assert.DoesNotContain(SqliteName, references);
        Assert.DoesNotContain(PostgreSqlName, references);

        // Persistence may use Domain (inward) but need not: its rows are plain storage shapes today.
        var projectReferences = ProjectReferenceNames(PersistenceName);
        Assert.Contains(DomainName, projectReferences);
        Assert.DoesNotContain(ArchiveName, projectReferences);
        Assert.DoesNotContain("Takt.Cli", projectReferences);
    }

    [Fact]
    public void Archive_References_NeitherCliNorProvider()
    {
        var references = ReferencedNames(ArchiveAssembly);

        Assert.DoesNotContain(CliName, references);
        Assert.DoesNotContain("Takt.Cli", references);
        Assert.DoesNotContain(SqliteName, references);
        Assert.DoesNotContain(PostgreSqlName, references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore.Sqlite", StringComparison.Ordinal)
                                                  || name.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain("Takt.Cli", ProjectReferenceNames(ArchiveName));
        Assert.DoesNotContain(SqliteName, ProjectReferenceNames(ArchiveName));
        Assert.DoesNotContain(PostgreSqlName, ProjectReferenceNames(ArchiveName));
    }

    [Fact]
    public void Provenance_References_NeitherCliNorProvider_AndArchiveNeverReferencesIt()
    {
        var references = ReferencedNames(ProvenanceAssembly);

        Assert.DoesNotContain(CliName, references);
        Assert.DoesNotContain(SqliteName, references);
        Assert.DoesNotContain(PostgreSqlName, references);
        Assert.DoesNotContain(references, name => name.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(ProvenanceName, ReferencedNames(ArchiveAssembly));
        Assert.DoesNotContain(ProvenanceName, ProjectReferenceNames(ArchiveName));
        Assert.DoesNotContain("Takt.Cli", ProjectReferenceNames(ProvenanceName));
    }

    [Fact]
    public void Media_References_OnlyTheDomain()
    {
        var references = ReferencedNames(Load(MediaName)).Where(name => name.StartsWith("Takt", StringComparison.Ordinal) || name == CliName).ToList();

        // Pixels and ffmpeg only: the engine and the renderer call it, it calls nothing of theirs.
        Assert.All(references, name => Assert.Equal(DomainName, name));
        Assert.Equal([DomainName], ProjectReferenceNames(MediaName));
    }

    [Fact]
    public void Engine_References_NeitherCliNorProvider()
    {
        var references = ReferencedNames(Load(EngineName));

        Assert.DoesNotContain(CliName, references);
        Assert.DoesNotContain(SqliteName, references);
        Assert.DoesNotContain(PostgreSqlName, references);
        Assert.DoesNotContain("Takt.Cli", ProjectReferenceNames(EngineName));
        Assert.DoesNotContain(EngineName, ProjectReferenceNames(ArchiveName));
    }

    [Fact]
    public void Cluster_ProjectReferences_OnlyEngine_AndEngineStaysFreeOfOrleans()
    {
        // Orleans is optional: the engine and everything below it build and run without it.
        Assert.Equal([EngineName], ProjectReferenceNames("Takt.Cluster"));
        Assert.DoesNotContain("Takt.Cluster", ProjectReferenceNames(EngineName));
        Assert.DoesNotContain(ProjectFile(EngineName).Descendants("PackageReference"),
            r => ((string?)r.Attribute("Include") ?? "").StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
    }

    [Fact]
    public void SrcAssemblies_Load_AllPresent()
    {
        var names = All().Select(a => a.GetName().Name).ToList();

        Assert.Subset(names.ToHashSet(), new HashSet<string?> { DomainName, PersistenceName, SqliteName, PostgreSqlName, ArchiveName, ProvenanceName, EngineName });
    }

    private static XDocument ProjectFile(string project) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, project + ".csproj"));

    private static List<string> ProjectReferenceNames(string project) =>
        ProjectFile(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
            .ToList();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takt.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Takt.slnx not found above {AppContext.BaseDirectory}; run the tests from a checkout");
    }
}
