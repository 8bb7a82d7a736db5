package ai.millrace.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.state.TornTailRepair;
import ai.millrace.core.internal.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preallocated redo journal: records written in place, torn tails cut, growth, reopening. */
class TransitionJournalTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("transition_journal.jsonl");
    }

    private TransitionJournal journal() {
        return new TransitionJournal(file(), AtomicFiles.DURABLE, Fixtures.CLOCK);
    }

    private static JournalRecord intent(String txn) {
        return new JournalRecord(txn, JournalRecord.INTENT, "t", Fixtures.T0, List.of());
    }

    private static String line(JournalRecord r) {
        return MillraceJson.writeLine(r) + "\n";
    }

    private List<String> txns(TransitionJournal j) {
        List<String> out = new ArrayList<>();
        j.intents(new ArrayList<>(), true).forEach(r -> out.add(r.txn()));
        return out;
    }

    @Test
    void recordsAreWrittenOverPreallocatedPaddingSoTheFileDoesNotGrow() throws Exception {
        try (TransitionJournal j = journal()) {
            j.append(intent("a"));
            assertEquals(TransitionJournal.CHUNK, Files.size(file()), "preallocated on first use");
            j.append(intent("b"));
            j.append(new JournalRecord("b", JournalRecord.COMMIT, "t", Fixtures.T0, List.of()), false);
            assertEquals(TransitionJournal.CHUNK, Files.size(file()), "later records overwrite padding");
            assertEquals(List.of("a", "b"), txns(j));
            assertEquals(List.of("a"), j.pending(new ArrayList<>()).stream().map(JournalRecord::txn).toList());
            assertEquals(line(intent("a")).length() + line(intent("b")).length()
                    + line(new JournalRecord("b", JournalRecord.COMMIT, "t", Fixtures.T0, List.of())).length(), j.size());
        }
        String text = Files.readString(file());
        assertTrue(text.startsWith(line(intent("a")) + line(intent("b"))), "plain JSON lines first: " + text.substring(0, 80));
        assertTrue(text.substring(j2(text)).chars().allMatch(c -> c == '\n'), "then only newlines");
    }

    private static int j2(String text) {
        return text.lastIndexOf('}') + 1;
    }

    @Test
    void aReopenedJournalWritesAfterTheLastRecord() {
        try (TransitionJournal j = journal()) {
            j.append(intent("a"));
        }
        try (TransitionJournal j = journal()) {
            assertEquals(line(intent("a")).length(), j.size());
            j.append(intent("b"));
            assertEquals(List.of("a", "b"), txns(j));
        }
    }

    @Test
    void aRecordPassingTheEndDoublesTheFile() throws Exception {
        try (TransitionJournal j = journal()) {
            String big = "x".repeat(40_000);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                j.append(new JournalRecord("txn-" + i, JournalRecord.INTENT, big, Fixtures.T0, List.of()));
                expected.add("txn-" + i);
            }
            assertEquals(4L * TransitionJournal.CHUNK, Files.size(file()), "64 KiB, then 128, then 256");
            assertEquals(expected, txns(j));
        }
    }

    @Test
    void aTornRecordBeforeThePaddingIsSavedAsideBlankedAndOverwritten() throws Exception {
        String good = line(intent("a"));
        String torn = line(intent("b")).substring(0, 30);
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) '\n');
        byte[] content = (good + torn).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(content, 0, bytes, 0, content.length);
        Files.write(file(), bytes);

        try (TransitionJournal j = journal()) {
            Optional<TornTailRepair.Repaired> repaired = j.repairTail();
            assertTrue(repaired.isPresent());
            assertEquals(torn.length(), repaired.get().removedBytes());
            assertEquals(torn, Files.readString(repaired.get().sideFile()), "the damaged bytes are kept");
            assertEquals(good.length(), j.size());
            j.append(intent("c"));
            assertEquals(List.of("a", "c"), txns(j));
        }
        assertEquals(good + line(intent("c")), String.join("\n", JournalLines.read(file())) + "\n");
    }

    @Test
    void everythingAfterTheLastReadableRecordIsTornEvenInPieces() throws Exception {
        // Pages of one record can reach the disk out of order: its start and its end survive,
        // the padding between them is still newlines.
        String good = line(intent("a"));
        String record = line(intent("b"));
        String pieces = record.substring(0, 20) + "\n\n\n" + record.substring(40);
        Files.writeString(file(), good + pieces + "\n".repeat(100));

        try (TransitionJournal j = journal()) {
            assertEquals(pieces.length() - 1, j.repairTail().orElseThrow().removedBytes());
            assertEquals(List.of("a"), txns(j));
            List<String> unreadable = new ArrayList<>();
            j.intents(unreadable, true);
            assertEquals(List.of(), unreadable, "nothing damaged is left behind");
        }
    }

    @Test
    void aCompleteLastLineWithoutItsNewlineIsTorn() throws Exception {
        // The force writes the newline with the record; without it the force never finished.
        String record = line(intent("a"));
        Files.writeString(file(), record.substring(0, record.length() - 1));
        try (TransitionJournal j = journal()) {
            assertTrue(j.repairTail().isPresent());
            assertEquals(0, j.size());
        }
    }

    @Test
    void compactingReplacesTheFileWithAFreshOneOfTheSamePreallocatedSize() throws Exception {
        try (TransitionJournal j = journal()) {
            j.append(new JournalRecord("big", JournalRecord.INTENT, "x".repeat(TransitionJournal.CHUNK), Fixtures.T0,
                    List.of()));
            long grown = Files.size(file());
            assertTrue(grown > TransitionJournal.CHUNK);
            j.compact();
            assertEquals(grown, Files.size(file()), "the space stays preallocated: no growth after a checkpoint");
            assertEquals(0, j.size());
            assertEquals(List.of(), txns(j));
            j.append(intent("a"));
            assertEquals(List.of("a"), txns(j));
            assertEquals(grown, Files.size(file()));
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(List.of(file()), list.toList(), "no temp file left");
        }
        try (TransitionJournal j = journal()) {
            assertEquals(List.of("a"), txns(j), "read back after reopening");
        }
    }

    @Test
    void compactingKeepsAtMostTheKeptCapacity() throws Exception {
        try (TransitionJournal j = journal()) {
            String big = "x".repeat(TransitionJournal.KEPT_CAPACITY / 2);
            for (int i = 0; i < 3; i++) {
                j.append(new JournalRecord("big-" + i, JournalRecord.INTENT, big, Fixtures.T0, List.of()), false);
            }
            assertTrue(Files.size(file()) > TransitionJournal.KEPT_CAPACITY);
            j.compact();
            assertEquals(TransitionJournal.KEPT_CAPACITY, Files.size(file()));
        }
    }

    @Test
    void compactingAnEmptyJournalWritesNothing() {
        try (TransitionJournal j = journal()) {
            j.compact();
        }
        assertTrue(Files.notExists(file()), "a journal that was never used is not created");
    }
}
