package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.harness.AtomicWrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactWritesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesReplacesAndLeavesNoTemporaryFiles() throws IOException {
        Path target = dir.resolve("a/file.txt");
        AtomicWrite.text(target, "first");
        AtomicWrite.text(target, "second \u00e9");

        assertEquals("second \u00e9", Files.readString(target));
        assertEquals(List.of("file.txt"), names());
    }

    @Test
    void anEventLogIsPublishedOnlyWhenKeptAndNotEmpty() throws IOException {
        Path target = dir.resolve("a/runner_events.x.jsonl");
        try (EventLog log = new EventLog(target)) {
            log.append("{\"type\":\"agent_start\"}");
            log.append("{\"type\":\"agent_end\"}");
            assertEquals(target, log.finish(true));
        }
        assertEquals("{\"type\":\"agent_start\"}\n{\"type\":\"agent_end\"}\n", Files.readString(target));

        Path dropped = dir.resolve("a/runner_events.y.jsonl");
        try (EventLog log = new EventLog(dropped)) {
            log.append("{\"type\":\"agent_start\"}");
            assertEquals(null, log.finish(false));
        }
        try (EventLog log = new EventLog(dropped)) {
            assertEquals(null, log.finish(true), "an empty log is not written");
        }
        assertEquals(List.of("runner_events.x.jsonl"), names());
    }
}
