package ai.millrace.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeEventLogTest {
    @TempDir
    Path dir;

    private static RuntimeEvent event(int n) {
        return new RuntimeEvent("runtime_tick_idle", Fixtures.T0.plusSeconds(n), Map.of("n", n));
    }

    private RuntimeEventLog open(Path file, long maxBytes) {
        return RuntimeEventLog.open(file, maxBytes, AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
    }

    @Test
    void appendsOneJsonLinePerEventAndReadsThemBack() throws Exception {
        Path file = dir.resolve("logs/runtime_events.jsonl");
        RuntimeEventLog log = open(file, 1 << 20);
        log.append(event(1));
        log.append(event(2));
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"event_type\":\"runtime_tick_idle\""), lines.get(0));
        assertEquals(List.of(event(1), event(2)), log.readAll().events());
    }

    @Test
    void tornLastLineIsCutAndSavedAside() throws Exception {
        Path file = dir.resolve("runtime_events.jsonl");
        open(file, 1 << 20).append(event(1));
        byte[] torn = "{\"schema_version\":\"1.0\",\"kind\":\"runtime_ev".getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);

        RuntimeEventLog reopened = open(file, 1 << 20);
        TornTailRepair.Repaired repair = reopened.repairOnOpen().orElseThrow();
        assertEquals(torn.length, repair.removedBytes());
        assertArrayEquals(torn, Files.readAllBytes(repair.sideFile()));
        assertEquals(file.resolveSibling("runtime_events.jsonl.torn-" + Fixtures.T0.toEpochMilli()), repair.sideFile());
        reopened.append(event(2));
        RuntimeEventLog.ReadResult read = reopened.readAll();
        assertEquals(List.of(event(1), event(2)), read.events());
        assertTrue(read.skipped().isEmpty());
    }

    @Test
    void completeButGarbledLastLineIsAlsoRepaired() throws Exception {
        Path file = dir.resolve("runtime_events.jsonl");
        open(file, 1 << 20).append(event(1));
        Files.write(file, "\u0000\u0000\u0000\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        RuntimeEventLog reopened = open(file, 1 << 20);
        assertEquals(4, reopened.repairOnOpen().orElseThrow().removedBytes());
        assertEquals(List.of(event(1)), reopened.readAll().events());
    }

    @Test
    void soundLogIsLeftAlone() {
        Path file = dir.resolve("runtime_events.jsonl");
        open(file, 1 << 20).append(event(1));
        assertTrue(open(file, 1 << 20).repairOnOpen().isEmpty());
        assertTrue(open(dir.resolve("missing.jsonl"), 10).repairOnOpen().isEmpty());
    }

    @Test
    void rotatesBySizeKeepingEveryEventInOrder() throws Exception {
        Path file = dir.resolve("runtime_events.jsonl");
        int lineLength = (org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                () -> ai.millrace.compiler.internal.json.MillraceJson.writeLine(event(1)))).length() + 1;
        RuntimeEventLog log = open(file, lineLength * 3L);
        for (int i = 1; i <= 7; i++) {
            log.append(event(i));
        }
        assertEquals(List.of(dir.resolve("runtime_events.1.jsonl"), dir.resolve("runtime_events.2.jsonl"), file),
                log.segments());
        assertEquals(3, Files.readAllLines(dir.resolve("runtime_events.1.jsonl")).size());
        assertEquals(1, Files.readAllLines(file).size());
        assertEquals(List.of(event(1), event(2), event(3), event(4), event(5), event(6), event(7)), log.readAll().events());
    }

    @Test
    void unreadableMiddleLineIsSkippedNotFatal() throws Exception {
        Path file = dir.resolve("runtime_events.jsonl");
        RuntimeEventLog log = open(file, 1 << 20);
        log.append(event(1));
        Files.writeString(file, "{\"not\":\"an event\"}\n", java.nio.file.StandardOpenOption.APPEND);
        log.append(event(3));
        RuntimeEventLog.ReadResult read = log.readAll();
        assertEquals(List.of(event(1), event(3)), read.events());
        assertEquals(1, read.skipped().size());
        assertTrue(read.skipped().get(0).contains("runtime_events.jsonl:2"), read.skipped().get(0));
    }
}
