package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.core.internal.workspace.MillraceVersion;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./millrace} launcher over the shaded jar (runs after {@code package}). */
class LauncherIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path SCRIPT = ROOT.resolve("millrace");
    static final Path JAR = ROOT.resolve("millrace-cli/target/millrace-cli.jar");
    static final Path ARCHIVE = ROOT.resolve("millrace-cli/target/millrace.jsa");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    static Run millrace(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "millrace " + String.join(" ", args) + " finished");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theShadedJarAndTheScriptExist() {
        assertTrue(Files.isRegularFile(JAR), JAR.toString());
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT.toString());
    }

    @Test
    void statusOfAWorkspaceTheOriginalWrotePrintsTheOriginalsLines() throws Exception {
        Path w = OriginalWorkspace.create(tmp.resolve("ws"));
        Run r = millrace("status", "--workspace", w.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.lines();
        assertEquals("workspace: " + w, lines.get(0));
        List<String> head = OriginalWorkspace.ORIGINAL_STATUS_HEAD;
        for (int i = 1; i < head.size(); i++) {
            String key = head.get(i).substring(0, head.get(i).indexOf(':'));
            if (key.equals("compiled_plan_currentness") || key.startsWith("compile_input.")
                    || key.equals("persisted_compile_input.config_fingerprint")) {
                assertTrue(lines.get(i).startsWith(key + ": "), lines.get(i));
            } else {
                assertEquals(head.get(i), lines.get(i));
            }
        }
        List<String> tail = OriginalWorkspace.ORIGINAL_STATUS_TAIL;
        assertEquals(tail, lines.subList(lines.size() - tail.size(), lines.size()));

        Run json = millrace("status", "--workspace", w.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals("plan-default_codex-fa3dec4ba748",
                new ObjectMapper().readTree(json.out()).get("compiled_plan_id").asText());
    }

    @Test
    void errorsAndExitCodesThroughTheScript() throws Exception {
        Path w = tmp.resolve("none");
        Run r = millrace("status", "--workspace", w.toString());
        assertEquals(1, r.code());
        assertEquals("error: workspace is not initialized: " + w + ". Run `millrace init --workspace " + w
                + "` first.\n", r.err());
        assertEquals(2, millrace("status", "--workspace", w.toString(), "--bogus").code());
        assertEquals(2, millrace().code());
        Run version = millrace("--version");
        assertEquals("millrace " + MillraceVersion.CURRENT + "\n", version.out());
        assertEquals("", version.err());
    }

    @Test
    void demoRunsEndToEndThroughTheScript() throws Exception {
        Path w = tmp.resolve("demo");
        Run r = millrace("demo", "--workspace", w.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stage done execution/updater"), r.out());
        assertTrue(r.lines().contains("execution_status_marker: ### IDLE"), r.out());
        assertTrue(Files.isRegularFile(w.resolve("millrace-agents/tasks/done/demo-task-002.md")));
        assertEquals("", r.err());
    }

    @Test
    void aStaleOrBrokenArchiveIsRebuiltSilently() throws Exception {
        millrace("--version");
        assertTrue(Files.size(ARCHIVE) > 1_000_000, "archive recorded");
        // Older than the jar: stale.
        Files.setLastModifiedTime(ARCHIVE, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000));
        Run r = millrace("--version");
        assertEquals("millrace " + MillraceVersion.CURRENT + "\n", r.out());
        assertEquals("", r.err());
        assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) > 0, "re-recorded");
        // Garbage: replaced as well.
        ARCHIVE.toFile().setWritable(true);
        Files.writeString(ARCHIVE, "not an archive");
        Run again = millrace("--version");
        assertEquals("millrace " + MillraceVersion.CURRENT + "\n", again.out());
        assertEquals("", again.err());
        assertTrue(Files.size(ARCHIVE) > 1_000_000);
    }
}
