package ai.millrace.api.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "process groups and sh are POSIX")
class ProcessTreeTest {

    @Test
    void killTakesDownGrandchildrenThatIgnoreTerm() throws Exception {
        // The shell starts two grandchildren; one ignores SIGTERM, as a stubborn tool would.
        ProcessBuilder builder = new ProcessBuilder("sh", "-c",
                "sleep 300 & (trap '' TERM; sleep 300) & echo $!; echo started; wait")
                .redirectInput(ProcessTree.nullFile());
        Process process = ProcessTree.start(builder);
        List<String> lines = readLines(process, 2);
        assertEquals("started", lines.get(1));
        long stubborn = Long.parseLong(lines.get(0).strip());
        List<ProcessHandle> before = ProcessTree.liveTree(process);
        assertTrue(before.size() >= 3, "shell plus two grandchildren: " + before);

        List<ProcessHandle> survivors = ProcessTree.kill(process, Duration.ofMillis(300));

        assertEquals(List.of(), survivors);
        assertFalse(process.isAlive());
        for (ProcessHandle h : before) {
            assertFalse(h.isAlive(), "still alive: " + h.pid());
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(stubborn);
        assertTrue(handle.isEmpty() || !handle.get().isAlive(), "the TERM-ignoring grandchild is gone");
    }

    @Test
    void whichFindsExecutablesLikeAShellAndNothingElse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path tool = dir.resolve("fake-codex");
        java.nio.file.Files.writeString(tool, "#!/bin/sh\n");
        java.nio.file.Path plain = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(plain, "x");
        assertTrue(tool.toFile().setExecutable(true));

        assertEquals(Optional.of(tool), ProcessTree.which("fake-codex", "/nonexistent:" + dir));
        assertEquals(Optional.of(tool), ProcessTree.which(tool.toString(), ""));
        assertEquals(Optional.empty(), ProcessTree.which("notes.txt", dir.toString()), "not executable");
        assertEquals(Optional.empty(), ProcessTree.which("codex-not-installed", dir.toString()));
        assertEquals(Optional.empty(), ProcessTree.which(dir.resolve("missing").toString(), null));
    }

    private static List<String> readLines(Process process, int count) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }
}
