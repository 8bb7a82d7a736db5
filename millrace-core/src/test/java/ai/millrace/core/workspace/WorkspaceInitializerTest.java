package ai.millrace.core.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.StageKindProvider;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.workspace.AssetPaths;
import ai.millrace.core.internal.workspace.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceInitializerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T02:37:49.103504Z");
    private final WorkspaceInitializer initializer = WorkspaceInitializer.builder()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    @TempDir
    Path w;

    @Test
    void freshInitCreatesEveryFolderAndDefaultFile() throws IOException {
        WorkspaceInitResult result = initializer.init(w);
        WorkspacePaths paths = WorkspacePaths.of(w);

        for (Path dir : paths.initDirectories()) {
            assertTrue(Files.isDirectory(dir), dir.toString());
        }
        assertEquals(paths.initDirectories().size(), result.createdDirectories().size());
        assertEquals("", Files.readString(paths.outlineFile()));
        assertEquals("", Files.readString(paths.historyLogFile()));
        assertEquals("[runtime]\ndefault_mode = \"default_codex\"\nrun_style = \"daemon\"\n\n[runners.codex]\n"
                + "permission_default = \"maximum\"\n", Files.readString(paths.configFile()));
        for (Plane plane : Plane.values()) {
            assertEquals("### IDLE\n", Files.readString(paths.statusFile(plane)));
        }
        assertEquals("", Files.readString(paths.learningDir().resolve("events.jsonl")));
        assertEquals("{\n  \"schema_version\": \"1.0\",\n  \"kind\": \"recovery_counters\",\n  \"entries\": []\n}\n",
                Files.readString(paths.recoveryCountersFile()));
        assertEquals(RecoveryCounters.EMPTY, MillraceJson.read(paths.recoveryCountersFile(), RecoveryCounters.class));
        assertEquals(List.of("millrace-agents/outline.md", "millrace-agents/historylog.md", "millrace-agents/millrace.toml",
                "millrace-agents/state/execution_status.md", "millrace-agents/state/planning_status.md",
                "millrace-agents/state/learning_status.md", "millrace-agents/learning/events.jsonl",
                "millrace-agents/state/runtime_snapshot.json", "millrace-agents/state/recovery_counters.json"),
                result.createdFiles());
        assertTrue(result.manifestCreated());
        assertTrue(WorkspaceInitializer.isInitialized(w));
        assertEquals(List.of(), leftoverTempFiles());
    }

    @Test
    void bootstrapSnapshotMatchesTheOriginalsExceptTheClock() throws IOException {
        initializer.init(w);

        String written = Files.readString(WorkspacePaths.of(w).snapshotFile());
        String original = resource("samples/runtime_snapshot.bootstrap.json");
        assertEquals(original, written, "the sample was written at the same instant as the injected clock");

        Instant later = Instant.parse("2027-01-02T03:04:05Z");
        Path other = w.resolve("other");
        WorkspaceInitializer.builder().clock(Clock.fixed(later, ZoneOffset.UTC)).build().init(other);
        RuntimeSnapshot snapshot = MillraceJson.read(WorkspacePaths.of(other).snapshotFile(), RuntimeSnapshot.class);
        RuntimeSnapshot expected = MillraceJson.read(original, RuntimeSnapshot.class, "sample");
        assertEquals(later, snapshot.updatedAt());
        assertEquals(expected.toBuilder().updatedAt(later).build(), snapshot);
    }

    @Test
    void deploysEveryIndexedAssetAndRecordsItsHashInTheManifest() throws IOException {
        WorkspaceInitResult result = initializer.init(w);
        WorkspacePaths paths = WorkspacePaths.of(w);
        List<String> indexed = AssetPaths.parseIndex(resource(AssetPaths.RESOURCE_ROOT + AssetPaths.INDEX_NAME));

        BaselineManifest manifest = BaselineManifest.read(paths.baselineManifestFile());

        assertEquals(indexed, manifest.entries().stream().map(BaselineManifestEntry::relativePath).collect(Collectors.toList()));
        assertEquals(indexed.size(), result.deployedAssets().size());
        assertTrue(indexed.contains("entrypoints/execution/builder.md"));
        for (BaselineManifestEntry entry : manifest.entries()) {
            Path deployed = paths.runtimeRoot().resolve(entry.relativePath());
            assertEquals(entry.originalSha256(), Sha256.hex(Files.readAllBytes(deployed)), entry.relativePath());
            assertEquals(entry.relativePath().substring(0, entry.relativePath().indexOf('/')), entry.assetFamily());
            assertArrayEquals(resource(AssetPaths.RESOURCE_ROOT + entry.relativePath()).getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(deployed));
        }
        assertEquals(ManagedAssets.packaged().manifest(), manifest);
        assertEquals(manifest.toJson(), Files.readString(paths.baselineManifestFile()));
        assertTrue(manifest.toJson().startsWith("{\n  \"schema_version\": \"1.0\",\n  \"manifest_id\": \""), manifest.toJson());
    }

    @Test
    void secondInitKeepsLocalEditsAndRestoresWhatWasDeleted() throws IOException {
        initializer.init(w);
        WorkspacePaths paths = WorkspacePaths.of(w);
        Path builder = paths.runtimeRoot().resolve("entrypoints/execution/builder.md");
        Path checker = paths.runtimeRoot().resolve("entrypoints/execution/checker.md");
        byte[] checkerOriginal = Files.readAllBytes(checker);
        Files.writeString(builder, "my local builder\n");
        Files.writeString(paths.configFile(), "[runtime]\ndefault_mode = \"learning_codex\"\n");
        Files.writeString(paths.snapshotFile(), "not even json");
        Files.delete(checker);
        Files.delete(paths.statusFile(Plane.PLANNING));
        Files.delete(paths.baselineManifestFile());
        Files.delete(paths.mailboxFailedDir());

        WorkspaceInitResult second = initializer.init(w);

        assertEquals("my local builder\n", Files.readString(builder));
        assertEquals("[runtime]\ndefault_mode = \"learning_codex\"\n", Files.readString(paths.configFile()));
        assertEquals("not even json", Files.readString(paths.snapshotFile()));
        assertArrayEquals(checkerOriginal, Files.readAllBytes(checker));
        assertEquals("### IDLE\n", Files.readString(paths.statusFile(Plane.PLANNING)));
        assertEquals(List.of("millrace-agents/state/mailbox/failed"), second.createdDirectories());
        assertEquals(List.of("millrace-agents/state/planning_status.md"), second.createdFiles());
        assertEquals(List.of("entrypoints/execution/checker.md"), second.deployedAssets());
        assertTrue(second.manifestCreated());
        BaselineManifestEntry builderEntry = BaselineManifest.read(paths.baselineManifestFile()).entries().stream()
                .filter(e -> e.relativePath().equals("entrypoints/execution/builder.md")).findFirst().orElseThrow();
        assertEquals(Sha256.hex(resource(AssetPaths.RESOURCE_ROOT + "entrypoints/execution/builder.md")
                .getBytes(StandardCharsets.UTF_8)), builderEntry.originalSha256(),
                "a recreated manifest records the packaged hash, not the local edit");

        assertTrue(initializer.init(w).unchanged());
    }

    @Test
    void requireInitializedFailsWithTheOriginalMessageAndCreatesNothing() throws IOException {
        Path abs = w.toAbsolutePath().normalize();
        MillraceException e = assertThrows(MillraceException.class, () -> WorkspaceInitializer.requireInitialized(w));

        assertEquals(ErrorCode.WORKSPACE_INVALID, e.errorCode());
        assertEquals("workspace is not initialized: " + abs + ". Run `millrace init --workspace " + abs + "` first.",
                e.detail());
        try (Stream<Path> children = Files.list(w)) {
            assertEquals(0, children.count());
        }

        initializer.init(w);
        assertEquals(WorkspacePaths.of(w), WorkspaceInitializer.requireInitialized(w));
        Files.delete(WorkspacePaths.of(w).baselineManifestFile());
        assertFalse(WorkspaceInitializer.isInitialized(w));
    }

    @Test
    void deploysPluginMarkdownAssetsAndTracksThemInTheManifest() throws IOException {
        StageKindProvider plugin = new MarkdownPlugin(Map.of("entrypoints/execution/linter.md", "# Linter\n",
                "skills/stage/execution/linter-core/SKILL.md", "# Lint skill\n"));
        WorkspaceInitializer withPlugin = WorkspaceInitializer.builder().plugins(PluginRegistry.of(plugin)).build();

        withPlugin.init(w);

        Path root = WorkspacePaths.of(w).runtimeRoot();
        assertEquals("# Linter\n", Files.readString(root.resolve("entrypoints/execution/linter.md")));
        BaselineManifest manifest = BaselineManifest.read(WorkspacePaths.of(w).baselineManifestFile());
        assertTrue(manifest.entries().contains(new BaselineManifestEntry("skills/stage/execution/linter-core/SKILL.md",
                "skills", Sha256.hex("# Lint skill\n".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void rejectsPluginAssetsOutsideTheMarkdownFamiliesOrOverPackagedFiles() {
        for (String bad : List.of("../escape.md", "modes/x.md", "entrypoints/x.txt", "entrypoints/execution/builder.md")) {
            WorkspaceInitializer withPlugin = WorkspaceInitializer.builder()
                    .plugins(PluginRegistry.of(new MarkdownPlugin(Map.of(bad, "x")))).build();
            ContractViolationException e = assertThrows(ContractViolationException.class, () -> withPlugin.init(w), bad);
            assertTrue(e.detail().contains(MarkdownPlugin.class.getName()) && e.detail().contains(bad), e.detail());
        }
        assertFalse(Files.exists(w.resolve("millrace-agents")), "a bad plugin fails before anything is written");
    }

    @Test
    void enumeratesPackagedAssetsFromAJar(@TempDir Path tmp) throws IOException {
        Path jar = tmp.resolve("assets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "ai/millrace/assets/asset-index.txt", "# index\nentrypoints/x/a.md\nmodes/m.json\n");
            put(out, "ai/millrace/assets/entrypoints/x/a.md", "A\n");
            put(out, "ai/millrace/assets/modes/m.json", "{}\n");
            put(out, "ai/millrace/assets/modes/unlisted.json", "{}\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            WorkspaceInitResult result = WorkspaceInitializer.builder().assetLoader(loader).build().init(w);

            assertEquals(List.of("entrypoints/x/a.md", "modes/m.json"), result.deployedAssets());
            Path root = WorkspacePaths.of(w).runtimeRoot();
            assertEquals("A\n", Files.readString(root.resolve("entrypoints/x/a.md")));
            assertFalse(Files.exists(root.resolve("modes/unlisted.json")));
            assertEquals(2, BaselineManifest.read(WorkspacePaths.of(w).baselineManifestFile()).entries().size());
        }
    }

    @Test
    void missingIndexOrListedResourceFailsBeforeWritingAnything(@TempDir Path tmp) throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            MillraceException e = assertThrows(MillraceException.class,
                    () -> WorkspaceInitializer.builder().assetLoader(empty).build().init(w));
            assertEquals(ErrorCode.WORKSPACE_INVALID, e.errorCode());
            assertTrue(e.detail().contains("ai/millrace/assets/asset-index.txt"), e.detail());
        }
        Path index = tmp.resolve("ai/millrace/assets/asset-index.txt");
        Files.createDirectories(index.getParent());
        Files.writeString(index, "skills/gone.md\n");
        try (URLClassLoader broken = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            MillraceException e = assertThrows(MillraceException.class,
                    () -> WorkspaceInitializer.builder().assetLoader(broken).build().init(w));
            assertTrue(e.detail().contains("lists skills/gone.md but the resource is missing"), e.detail());
        }
        assertFalse(Files.exists(w.resolve("millrace-agents")));
    }

    @Test
    void aFileWhereAFolderBelongsIsReported() throws IOException {
        Files.createDirectories(w.resolve("millrace-agents"));
        Files.writeString(w.resolve("millrace-agents/state"), "oops");

        MillraceException e = assertThrows(MillraceException.class, () -> initializer.init(w));

        assertEquals(ErrorCode.WORKSPACE_INVALID, e.errorCode());
        assertTrue(e.detail().contains("state exists but is not a folder"), e.detail());
        assertEquals("oops", Files.readString(w.resolve("millrace-agents/state")));
    }

    @Test
    void manifestWithEditedEntriesDoesNotRead() throws IOException {
        initializer.init(w);
        Path file = WorkspacePaths.of(w).baselineManifestFile();
        String json = Files.readString(file);
        Files.writeString(file, json.replaceFirst("\"original_sha256\": \"[0-9a-f]", "\"original_sha256\": \"f"));

        MillraceException e = assertThrows(MillraceException.class, () -> BaselineManifest.read(file));
        assertEquals(ErrorCode.MALFORMED_DOCUMENT, e.errorCode());
        assertTrue(e.detail().contains(file.toString()) && e.detail().contains("manifest_id does not match"), e.detail());
    }

    private List<Path> leftoverTempFiles() throws IOException {
        try (Stream<Path> all = Files.walk(w)) {
            return all.filter(p -> p.getFileName().toString().contains(".tmp-")).collect(Collectors.toList());
        }
    }

    private static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = WorkspaceInitializerTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final class MarkdownPlugin implements StageKindProvider {
        private final Map<String, String> assets;

        MarkdownPlugin(Map<String, String> assets) {
            this.assets = assets;
        }

        @Override
        public List<StageKindDefinition> stageKinds() {
            return new ArrayList<>();
        }

        @Override
        public Map<String, String> markdownAssets() {
            return assets;
        }
    }
}
