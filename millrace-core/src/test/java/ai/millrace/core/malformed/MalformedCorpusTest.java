package ai.millrace.core.malformed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.config.ConfigLoader;
import ai.millrace.core.document.WorkDocumentJson;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.BaselineManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file under {@code malformed/} fails to read with a message that names the file and the
 * line or key at fault, and reading never deletes or changes a file.
 */
class MalformedCorpusTest {
    private static final Map<String, Function<Path, Object>> READERS = Map.ofEntries(
            Map.entry("task", p -> WorkDocumentMarkdown.read(p, TaskDocument.class)),
            Map.entry("spec", p -> WorkDocumentMarkdown.read(p, SpecDocument.class)),
            Map.entry("incident", p -> WorkDocumentMarkdown.read(p, IncidentDocument.class)),
            Map.entry("learning", p -> WorkDocumentMarkdown.read(p, LearningRequestDocument.class)),
            Map.entry("any", p -> WorkDocumentMarkdown.parse(readString(p), p.toString())),
            Map.entry("task-json", p -> WorkDocumentJson.read(p, TaskDocument.class)),
            Map.entry("toml", p -> new ConfigLoader().loadFile(p)),
            Map.entry("snapshot", p -> MillraceJson.read(p, RuntimeSnapshot.class)),
            Map.entry("counters", p -> MillraceJson.read(p, RecoveryCounters.class)),
            Map.entry("manifest", p -> BaselineManifest.read(p)));

    @TempDir
    Path workspace;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "task     | markdown/no-h1.md                       | MALFORMED_DOCUMENT | must start with a markdown H1 title (line 1)",
        "task     | markdown/blank-first-line.md            | MALFORMED_DOCUMENT | (line 1); remove the blank lines",
        "task     | markdown/h2-title.md                    | MALFORMED_DOCUMENT | must start with a markdown H1 title (line 1)",
        "task     | markdown/empty.md                       | MALFORMED_DOCUMENT | is empty",
        "task     | markdown/repeated-field.md              | MALFORMED_DOCUMENT | repeats field `Created-By` (line 21)",
        "task     | markdown/list-under-scalar.md           | MALFORMED_DOCUMENT | has list item under scalar field `Summary` (line 23)",
        "task     | markdown/invalid-list-item.md           | MALFORMED_DOCUMENT | has invalid list item under `Acceptance` (line 12)",
        "task     | markdown/unsafe-id.md                   | MALFORMED_DOCUMENT | has an invalid `Task-ID`: task_id must match ^[A-Za-z0-9][A-Za-z0-9._-]*$ (got '../x') (line 3)",
        "task     | markdown/unsafe-id-slash.md             | MALFORMED_DOCUMENT | (got 'a/b') (line 3)",
        "task     | markdown/title-mismatch.md              | MALFORMED_DOCUMENT | markdown H1 title must match the `Title` field (line 3)",
        "task     | markdown/bad-status-hint.md             | MALFORMED_DOCUMENT | has an invalid `Status-Hint`: 'queue' is not a valid TaskStatusHint",
        "task     | markdown/bad-datetime.md                | MALFORMED_DOCUMENT | has an invalid `Created-At`: 'last tuesday' is not an ISO-8601 timestamp (line 4)",
        "task     | markdown/missing-required-list.md       | MALFORMED_DOCUMENT | is missing `Risk`: risk must contain at least one item",
        "task     | markdown/foreign-label.md               | MALFORMED_DOCUMENT | has field `Severity`, which a task document does not allow (line 21)",
        "spec     | markdown/spec-bad-source-type.md        | MALFORMED_DOCUMENT | has an invalid `Source-Type`: 'website' is not a valid SpecSourceType",
        "incident | markdown/incident-stage-not-in-plane.md | MALFORMED_DOCUMENT | has an invalid `Source-Stage`: source_stage 'builder' does not belong to source_plane planning (line 5)",
        "learning | markdown/learning-bad-trigger-metadata.md | MALFORMED_DOCUMENT | has an invalid `Trigger-Metadata` (line 5)",
        "any      | markdown/mixed-ids-generic.md           | MALFORMED_DOCUMENT | mixes multiple document identifier fields; it has `Task-ID` (line 3), `Spec-ID` (line 21)",
        "task-json | json/task-unknown-field.json           | MALFORMED_DOCUMENT | unknown field 'priority' at $",
        "task-json | json/task-unsafe-id.json              | MALFORMED_DOCUMENT | (got '../x')",
        "task-json | json/task-wrong-type.json             | MALFORMED_DOCUMENT | invalid value at $.title",
        "task-json | json/task-wrong-kind.json             | MALFORMED_DOCUMENT | kind must be 'task' (got 'spec')",
        "task-json | json/task-truncated.json              | MALFORMED_DOCUMENT | invalid value at $.target_paths[1]: Unexpected end-of-input",
        "toml     | toml/unknown-section.toml               | CONFIG_INVALID     | queue: unknown key; the keys allowed in millrace.toml are",
        "toml     | toml/unknown-key.toml                   | CONFIG_INVALID     | runners.codex.permission_level: unknown key",
        "toml     | toml/wrong-type.toml                    | CONFIG_INVALID     | watchers.debounce_ms: expected an integer greater than 0 (at most 2147483647), got the string 'fast'",
        "toml     | toml/out-of-range.toml                  | CONFIG_INVALID     | recovery.max_fix_cycles: expected an integer greater than 0 (at most 2147483647), got the integer -1",
        "toml     | toml/syntax-error.toml                  | CONFIG_INVALID     | TOML syntax error at line 1",
        "toml     | toml/unknown-stage.toml                 | CONFIG_INVALID     | stages.reviewer: unknown stage name 'reviewer'",
        "toml     | toml/bad-enum.toml                      | CONFIG_INVALID     | runners.codex.permission_default: expected one of basic, elevated, maximum, got the string 'root'",
        "snapshot | state/runtime_snapshot.truncated.json   | MALFORMED_DOCUMENT | not valid JSON",
        "snapshot | state/runtime_snapshot.unknown-field.json | MALFORMED_DOCUMENT | unknown field 'pause_reason' at $",
        "snapshot | state/runtime_snapshot.wrong-kind.json  | MALFORMED_DOCUMENT | kind must be 'runtime_snapshot' (got 'recovery_counters')",
        "snapshot | state/runtime_snapshot.empty.json       | MALFORMED_DOCUMENT | cannot read runtime_snapshot",
        "counters | state/recovery_counters.truncated.json  | MALFORMED_DOCUMENT | invalid value at $.entries: Unexpected end-of-input",
        "manifest | state/baseline_manifest.truncated.json  | MALFORMED_DOCUMENT | invalid value at $.manifest_id: Unexpected end-of-input",
    })
    void failsWithAMessageNamingTheFileAndTheFaultAndKeepsEveryFile(String reader, String file, ErrorCode code,
            String fragment) throws IOException {
        copyCorpus();
        Path target = workspace.resolve(file);
        Map<Path, byte[]> before = snapshot();

        MillraceException e = assertThrows(MillraceException.class, () -> READERS.get(reader).apply(target));

        assertEquals(code, e.errorCode(), e.getMessage());
        assertTrue(e.detail().contains(target.toString()), "names the file: " + e.detail());
        assertTrue(e.detail().contains(fragment), "says what is wrong and where: " + e.detail());
        Map<Path, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), "no file was created or deleted");
        before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path + " is unchanged"));
    }

    @Test
    void truncatedJsonReportsItsLine() throws IOException {
        copyCorpus();
        Path target = workspace.resolve("state/recovery_counters.truncated.json");
        MillraceException e = assertThrows(MillraceException.class, () -> MillraceJson.read(target, RecoveryCounters.class));
        assertTrue(e.detail().contains("line: 4, column: 14"), e.detail());
    }

    @Test
    void theTaskTheOriginalWroteReadsFromAFile() throws IOException {
        Path file = workspace.resolve("hello-task-001.md");
        Files.write(file, resourceBytes("documents/hello-task-001.md"));

        WorkDocument doc = WorkDocumentMarkdown.read(file, TaskDocument.class);

        assertEquals("hello-task-001", doc.id());
        assertEquals("Hello Task", doc.title());
    }

    private void copyCorpus() throws IOException {
        for (String file : new String[] {
            "markdown/no-h1.md", "markdown/blank-first-line.md", "markdown/h2-title.md", "markdown/empty.md",
            "markdown/repeated-field.md", "markdown/list-under-scalar.md", "markdown/invalid-list-item.md",
            "markdown/unsafe-id.md", "markdown/unsafe-id-slash.md", "markdown/title-mismatch.md",
            "markdown/bad-status-hint.md", "markdown/bad-datetime.md", "markdown/missing-required-list.md",
            "markdown/foreign-label.md", "markdown/spec-bad-source-type.md", "markdown/incident-stage-not-in-plane.md",
            "markdown/learning-bad-trigger-metadata.md", "markdown/mixed-ids-generic.md",
            "json/task-unknown-field.json", "json/task-unsafe-id.json", "json/task-wrong-type.json",
            "json/task-wrong-kind.json", "json/task-truncated.json",
            "toml/unknown-section.toml", "toml/unknown-key.toml", "toml/wrong-type.toml", "toml/out-of-range.toml",
            "toml/syntax-error.toml", "toml/unknown-stage.toml", "toml/bad-enum.toml",
            "state/runtime_snapshot.truncated.json", "state/runtime_snapshot.unknown-field.json",
            "state/runtime_snapshot.wrong-kind.json", "state/runtime_snapshot.empty.json",
            "state/recovery_counters.truncated.json", "state/baseline_manifest.truncated.json"}) {
            Path target = workspace.resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, resourceBytes("malformed/" + file));
        }
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] resourceBytes(String path) throws IOException {
        try (InputStream in = MalformedCorpusTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }
}
