using static Takt.Architecture.Tests.Dependencies.SrcAssemblies;

namespace Takt.Architecture.Tests.Dependencies;

/// <summary>Production code never depends on test code or test frameworks.</summary>
public sealed class TestIsolationTests
{
    [Fact]
    public void SrcAssemblies_References_NoTestAssembly()
    {
        foreach (var assembly in All())
        {
            var offending = ReferencedNames(assembly).Where(IsTestAssembly).ToList();

            Assert.True(offending.Count == 0, $"{assembly.GetName().Name} references test assemblies: {string.Join(", ", offending)}");
        }
    }

    [Theory]
    [InlineData("Takt.Domain.Tests", true)]
    [InlineData("Takt.TestKit", true)]
    [InlineData("xunit.v3.core", true)]
    [InlineData("CsCheck", true)]
    [InlineData("Takt.Domain", false)]
    [InlineData("System.Runtime", false)]
    public void IsTestAssembly_Name_Classified(string name, bool expected)
    {
        Assert.Equal(expected, IsTestAssembly(name));
    }
}
