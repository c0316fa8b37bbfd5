using Takt.Archive.Ingest.Manifests;
using Takt.Domain.Archive;

namespace Takt.Archive.Ingest.Planning;

/// <summary>
/// Turns a folder (with or without a manifest) or a single file into an <see cref="IngestPlan"/>.
/// Every path is checked to stay inside the ingest root, links included.
/// </summary>
public static class IngestPlanner
{
    public static async Task<IngestPlan> PlanAsync(string path, string? tenantOverride, string? projectOverride, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var root = Path.GetDirectoryName(full)!;
            var rejected = new List<IngestIssue>();
            var files = new List<PlannedFile>();
            AddByConvention(root, full, files, rejected, null, new HashSet<string>(), new HashSet<string>(StringComparer.Ordinal));
            return new IngestPlan
            {
                Root = root,
                TenantSlug = tenantOverride ?? "default",
                ProjectSlug = projectOverride ?? SlugFrom(Path.GetFileName(root)),
                Files = files,
                Rejected = rejected,
            };
        }

        if (!Directory.Exists(full))
        {
            throw new IngestInputException($"'{path}' does not exist");
        }

        var manifestPath = ManifestReader.Find(full);
        var manifest = manifestPath is null ? null : await ManifestReader.ReadAsync(manifestPath, cancellationToken);
        var plan = manifest is null ? PlanByConvention(full) : PlanFromManifest(full, manifest);
        var project = projectOverride ?? manifest?.Project ?? SlugFrom(Path.GetFileName(full));
        if (!Slugs.IsValid(project))
        {
            throw new IngestInputException($"project '{project}' must be a slug: lowercase letters, digits, '-' or '_'; pass --project");
        }

        return plan with { TenantSlug = tenantOverride ?? manifest?.Tenant ?? "default", ProjectSlug = project, Manifest = manifest };
    }

    private static IngestPlan PlanFromManifest(string root, ProductionManifest manifest)
    {
        var files = new List<PlannedFile>();
        var rejected = new List<IngestIssue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var contributorKeys = manifest.Contributors.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var relative = entry.Path.Replace('\\', '/');
            if (!TryResolveInside(root, relative, out var full, out var problem))
            {
                rejected.Add(new IngestIssue(entry.Path, problem));
                continue;
            }

            var normalised = Relative(root, full);
            if (!seen.Add(normalised))
            {
                rejected.Add(new IngestIssue(entry.Path, "listed more than once in the manifest; the first entry was used"));
                continue;
            }

            if (!File.Exists(full))
            {
                rejected.Add(new IngestIssue(entry.Path, "listed in the manifest but the file does not exist"));
                continue;
            }

            LayerKind? kind = null;
            if (entry.Layer is not null)
            {
                if (!LayerKinds.TryParse(entry.Layer, out var k))
                {
                    rejected.Add(new IngestIssue(entry.Path, $"unknown layer kind '{entry.Layer}'; use one of {string.Join(", ", LayerKinds.CanonicalNames)}"));
                    continue;
                }

                kind = k;
            }

            var (rights, rightsProblem) = RightsResolver.Resolve(manifest.Defaults, entry, normalised, contributorKeys);
            if (rights is null)
            {
                rejected.Add(new IngestIssue(entry.Path, rightsProblem!));
                continue;
            }

            var convention = NamingConvention.Place(normalised);
            var scene = entry.Scene ?? convention.Scene;
            var cut = entry.Cut ?? convention.Cut;
            if ((scene is not null && !Slugs.IsValid(scene)) || (cut is not null && !Slugs.IsValid(cut)))
            {
                rejected.Add(new IngestIssue(entry.Path, "scene and cut must be slugs: lowercase letters, digits, '-' or '_'"));
                continue;
            }

            files.Add(new PlannedFile
            {
                FullPath = full,
                RelativePath = normalised,
                Scene = scene,
                Cut = cut,
                LayerKind = kind ?? convention.Kind,
                Name = entry.Name ?? convention.Name,
                Rights = rights,
            });
        }

        if (manifest.IncludeUnlisted)
        {
            foreach (var file in EnumerateFiles(root, rejected))
            {
                AddByConvention(root, file, files, rejected, manifest, contributorKeys, seen);
            }
        }

        return new IngestPlan { Root = root, TenantSlug = "", ProjectSlug = "", Files = files, Rejected = rejected };
    }

    private static IngestPlan PlanByConvention(string root)
    {
        var files = new List<PlannedFile>();
        var rejected = new List<IngestIssue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in EnumerateFiles(root, rejected))
        {
            AddByConvention(root, file, files, rejected, null, new HashSet<string>(), seen);
        }

        return new IngestPlan { Root = root, TenantSlug = "", ProjectSlug = "", Files = files, Rejected = rejected };
    }

    private static void AddByConvention(string root, string full, List<PlannedFile> files, List<IngestIssue> rejected, ProductionManifest? manifest, IReadOnlySet<string> contributorKeys, HashSet<string> seen)
    {
        var relative = Relative(root, full);
        if (!seen.Add(relative))
        {
            return;
        }

        var placed = NamingConvention.Place(relative);
        var (rights, problem) = RightsResolver.Resolve(manifest?.Defaults, null, relative, contributorKeys);
        if (rights is null)
        {
            rejected.Add(new IngestIssue(relative, problem!));
            return;
        }

        files.Add(new PlannedFile
        {
            FullPath = full,
            RelativePath = relative,
            Scene = placed.Scene,
            Cut = placed.Cut,
            LayerKind = placed.Kind,
            Name = placed.Name,
            Rights = rights,
        });
    }

    private static IEnumerable<string> EnumerateFiles(string root, List<IngestIssue> rejected)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || ManifestReader.IsManifestName(name))
            {
                continue;
            }

            // A link may point anywhere; only follow it when its target stays inside the root.
            if (new FileInfo(file).LinkTarget is not null)
            {
                var target = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !IsInside(root, target))
                {
                    rejected.Add(new IngestIssue(Relative(root, file), "is a link that points outside the ingest folder"));
                    continue;
                }
            }

            yield return file;
        }
    }

    private static bool TryResolveInside(string root, string relative, out string full, out string problem)
    {
        full = "";
        problem = "";
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains(':', StringComparison.Ordinal)
            || relative.Split('/').Any(s => s == ".."))
        {
            problem = "path must be relative to the manifest's folder and must not climb out of it ('..', absolute paths and drive letters are refused)";
            return false;
        }

        full = Path.GetFullPath(Path.Combine(root, relative));
        var target = File.Exists(full) && new FileInfo(full).LinkTarget is not null
            ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full
            : full;
        if (!IsInside(root, full) || !IsInside(root, target))
        {
            problem = "path resolves outside the manifest's folder";
            return false;
        }

        return true;
    }

    private static bool IsInside(string root, string path) =>
        path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');

    private static string SlugFrom(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-', '_');
        return slug.Length == 0 ? "untitled" : slug.Length > 64 ? slug[..64] : slug;
    }
}
