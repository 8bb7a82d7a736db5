package ai.millrace.core.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.MillraceException;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.workspace.BaselineManifest;
import ai.millrace.core.workspace.ManagedAssets;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgraderTest {
    @TempDir
    Path tmp;

    private Path workspace;
    private WorkspacePaths paths;
    private ClassLoader v2;

    /** Writes a packaged asset tree with its index and returns a class loader that sees only it. */
    private static ClassLoader packageVersion(Path dir, Map<String, String> assets) {
        try {
            Path base = dir.resolve("ai/millrace/assets");
            StringBuilder index = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(assets).entrySet()) {
                Path f = base.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
                index.append(e.getKey()).append('\n');
            }
            Files.writeString(base.resolve("asset-index.txt"), index.toString());
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> v1Assets() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("entrypoints/execution/builder.md", "builder v1\n");
        a.put("entrypoints/execution/checker.md", "checker v1\n");
        a.put("skills/shared/a/SKILL.md", "skill a v1\n");
        a.put("graphs/execution/standard.json", "{\"v\":1}\n");
        a.put("registry/stage_kinds/execution/builder.json", "{\"r\":1}\n");
        a.put("loops/execution/default.json", "{\"l\":1}\n");
        return a;
    }

    private static Map<String, String> v2Assets() {
        Map<String, String> a = new LinkedHashMap<>(v1Assets());
        a.put("entrypoints/execution/builder.md", "builder v2\n");      // safe_package_update
        a.remove("entrypoints/execution/checker.md");                    // removed: conflict unless localized
        a.put("skills/shared/a/SKILL.md", "skill a v2\n");              // edited locally too: conflict
        a.put("loops/execution/default.json", "{\"l\":2}\n");           // already converged locally
        a.put("skills/shared/new/SKILL.md", "new skill\n");             // missing
        a.put("skills/shared/same/SKILL.md", "same\n");                 // new, present with same content
        a.put("skills/shared/other/SKILL.md", "packaged other\n");      // new, present with other content
        return a;
    }

    @BeforeEach
    void setUp() throws IOException {
        workspace = tmp.resolve("w");
        ClassLoader v1 = packageVersion(tmp.resolve("v1"), v1Assets());
        v2 = packageVersion(tmp.resolve("v2"), v2Assets());
        WorkspaceInitializer.builder().assetLoader(v1).build().init(workspace);
        paths = WorkspacePaths.of(workspace);
        Path r = paths.runtimeRoot();
        Files.writeString(r.resolve("skills/shared/a/SKILL.md"), "skill a edited here\n");
        Files.writeString(r.resolve("registry/stage_kinds/execution/builder.json"), "{\"r\":\"local\"}\n");
        Files.writeString(r.resolve("loops/execution/default.json"), "{\"l\":2}\n");
        Files.createDirectories(r.resolve("skills/shared/same"));
        Files.writeString(r.resolve("skills/shared/same/SKILL.md"), "same\n");
        Files.createDirectories(r.resolve("skills/shared/other"));
        Files.writeString(r.resolve("skills/shared/other/SKILL.md"), "mine\n");
    }

    private Upgrader upgrader() {
        return Upgrader.from(v2, PluginRegistry.empty()).withFiles(AtomicFiles.NO_FSYNC);
    }

    private Map<String, Disposition> dispositions(UpgradePreview p) {
        Map<String, Disposition> out = new TreeMap<>();
        p.entries().forEach(e -> out.put(e.relativePath(), e.disposition()));
        return out;
    }

    @Test
    void previewClassifiesEveryManagedPathThreeWays() {
        UpgradePreview p = upgrader().preview(workspace, List.of());
        Map<String, Disposition> expected = new TreeMap<>();
        expected.put("entrypoints/execution/builder.md", Disposition.SAFE_PACKAGE_UPDATE);
        expected.put("entrypoints/execution/checker.md", Disposition.CONFLICT);
        expected.put("graphs/execution/standard.json", Disposition.UNCHANGED);
        expected.put("loops/execution/default.json", Disposition.ALREADY_CONVERGED);
        expected.put("registry/stage_kinds/execution/builder.json", Disposition.LOCAL_ONLY_MODIFICATION);
        expected.put("skills/shared/a/SKILL.md", Disposition.CONFLICT);
        expected.put("skills/shared/new/SKILL.md", Disposition.MISSING);
        expected.put("skills/shared/other/SKILL.md", Disposition.CONFLICT);
        expected.put("skills/shared/same/SKILL.md", Disposition.ALREADY_CONVERGED);
        assertEquals(expected, dispositions(p));
        assertFalse(p.applied());
        assertEquals(BaselineManifest.read(paths.baselineManifestFile()).manifestId(), p.baselineManifestId());
        List<String> lines = p.reportLines();
        assertEquals("applied: false", lines.get(0));
        assertEquals(List.of("unchanged: 1", "safe_package_update: 1", "local_only_modification: 1",
                "already_converged: 2", "localized_removed: 0", "conflict: 3", "missing: 1"), lines.subList(3, 10));
        assertEquals("entry: entrypoints/execution/builder.md safe_package_update", lines.get(10));
    }

    @Test
    void localizingARemovedAssetResolvesItsConflict() {
        UpgradePreview p = upgrader().preview(workspace, List.of(" entrypoints/execution/checker.md ", ""));
        assertEquals(Disposition.LOCALIZED_REMOVED, dispositions(p).get("entrypoints/execution/checker.md"));
    }

    @Test
    void badLocalizePathsAreRefused() {
        MillraceException abs = assertThrows(MillraceException.class,
                () -> upgrader().preview(workspace, List.of("/etc/passwd")));
        assertTrue(abs.getMessage().contains("localize-removed path must be workspace-relative: /etc/passwd"));
        assertThrows(MillraceException.class, () -> upgrader().preview(workspace, List.of("a/../b")));
        MillraceException notRemoved = assertThrows(MillraceException.class,
                () -> upgrader().preview(workspace, List.of("skills/shared/a/SKILL.md", "nope.md")));
        assertTrue(notRemoved.getMessage().contains("is not a removed managed asset: nope.md, skills/shared/a/SKILL.md"),
                notRemoved.getMessage());
    }

    @Test
    void applyRefusesOnAnyConflictBeforeChangingAnything() throws IOException {
        Map<String, String> before = snapshotTree(paths.runtimeRoot());
        MillraceException e = assertThrows(MillraceException.class, () -> upgrader().apply(workspace, List.of()));
        assertEquals("upgrade conflict(s) detected: entrypoints/execution/checker.md, skills/shared/a/SKILL.md, "
                + "skills/shared/other/SKILL.md", e.detail());
        assertEquals(before, snapshotTree(paths.runtimeRoot()));
    }

    @Test
    void applyCopiesPackageUpdatesAndMissingFilesAndRewritesTheManifest() throws IOException {
        Path r = paths.runtimeRoot();
        Files.writeString(r.resolve("skills/shared/a/SKILL.md"), "skill a v1\n"); // undo the local edit
        Files.delete(r.resolve("skills/shared/other/SKILL.md"));
        String toml = Files.readString(paths.configFile());
        String snapshot = Files.readString(paths.snapshotFile());

        UpgradePreview applied = upgrader().apply(workspace, List.of("entrypoints/execution/checker.md"));
        assertTrue(applied.applied());
        assertEquals("result_manifest_id: " + applied.candidateManifestId(), applied.reportLines().get(3));
        assertEquals("builder v2\n", Files.readString(r.resolve("entrypoints/execution/builder.md")));
        assertEquals("skill a v2\n", Files.readString(r.resolve("skills/shared/a/SKILL.md")));
        assertEquals("new skill\n", Files.readString(r.resolve("skills/shared/new/SKILL.md")));
        assertEquals("packaged other\n", Files.readString(r.resolve("skills/shared/other/SKILL.md")));
        assertEquals("{\"r\":\"local\"}\n", Files.readString(r.resolve("registry/stage_kinds/execution/builder.json")),
                "a local modification is kept");
        assertEquals("checker v1\n", Files.readString(r.resolve("entrypoints/execution/checker.md")),
                "a localized file stays in the workspace");
        assertEquals(toml, Files.readString(paths.configFile()));
        assertEquals(snapshot, Files.readString(paths.snapshotFile()));

        BaselineManifest manifest = BaselineManifest.read(paths.baselineManifestFile());
        assertEquals(ManagedAssets.load(v2, PluginRegistry.empty()).manifest(), manifest);
        assertEquals(applied.candidateManifestId(), manifest.manifestId());

        Map<String, Disposition> after = dispositions(upgrader().preview(workspace, List.of()));
        assertFalse(after.containsKey("entrypoints/execution/checker.md"), "the localized path left the manifest");
        assertEquals(Disposition.LOCAL_ONLY_MODIFICATION, after.get("registry/stage_kinds/execution/builder.json"));
        after.remove("registry/stage_kinds/execution/builder.json");
        assertTrue(after.values().stream().allMatch(d -> d == Disposition.UNCHANGED), after.toString());
    }

    @Test
    void aFolderWhereAManagedFileBelongsIsAConflict() throws IOException {
        Path r = paths.runtimeRoot();
        Files.delete(r.resolve("graphs/execution/standard.json"));
        Files.createDirectories(r.resolve("graphs/execution/standard.json"));
        assertEquals(Disposition.CONFLICT, dispositions(upgrader().preview(workspace, List.of()))
                .get("graphs/execution/standard.json"));
        Files.delete(r.resolve("graphs/execution/standard.json"));
        assertEquals(Disposition.MISSING, dispositions(upgrader().preview(workspace, List.of()))
                .get("graphs/execution/standard.json"));
    }

    @Test
    void aFreshWorkspaceIsUnchangedAgainstThePackagedAssets() {
        Path fresh = tmp.resolve("fresh");
        WorkspaceInitializer.create().init(fresh);
        UpgradePreview p = Upgrader.packaged().preview(fresh, List.of());
        assertEquals(p.entries().size(), p.counts().get(Disposition.UNCHANGED));
        assertEquals(p.baselineManifestId(), p.candidateManifestId());
    }

    @Test
    void aDamagedManifestIsReported() throws IOException {
        Files.writeString(paths.baselineManifestFile(), "{\"schema_version\":\"1.0\"}");
        MillraceException e = assertThrows(MillraceException.class, () -> upgrader().preview(workspace, List.of()));
        assertTrue(e.getMessage().contains("baseline manifest"), e.getMessage());
    }

    private static Map<String, String> snapshotTree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                out.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
            }
        }
        return out;
    }
}
