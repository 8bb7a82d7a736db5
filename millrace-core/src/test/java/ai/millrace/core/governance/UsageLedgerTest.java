package ai.millrace.core.governance;

import ai.millrace.core.internal.testing.MutableClock;
import static ai.millrace.core.governance.GovernanceFixtures.result;
import static ai.millrace.core.governance.GovernanceFixtures.rule;
import static ai.millrace.core.governance.GovernanceFixtures.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.config.UsageWindow;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLedgerTest {
    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");

    @TempDir
    Path root;

    private WorkspacePaths paths;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspaceWithSnapshot(root);
        clock = new MutableClock(T0);
    }

    private UsageLedger open() {
        return UsageLedger.open(paths.usageGovernanceLedgerFile(), AtomicFiles.NO_FSYNC, clock);
    }

    @Test
    void aTornLastLineIsRepairedAndTheGoodLinesStillCount() throws Exception {
        UsageLedger ledger = open();
        ledger.record(result("run-a", T0, 400), "request-1", null, null);
        ledger.record(result("run-a", T0, 500), "request-2", null, null);
        Path file = paths.usageGovernanceLedgerFile();
        Files.writeString(file, "{\"dedupe_key\":\"request-3\",\"counted_", StandardOpenOption.APPEND);

        UsageLedger reopened = open();
        assertEquals(2, reopened.countedResults());
        assertEquals(35, reopened.tornBytesRepaired());
        assertTrue(reopened.openWarnings().get(0).contains("torn"));
        assertEquals(2, Files.readAllLines(file).size(), "the torn bytes were cut");
        assertTrue(Fixtures.list(paths.stateDir()).stream().anyMatch(n -> n.startsWith("usage_governance_ledger.jsonl.torn-")),
                "and kept in a side file");

        // The repaired ledger appends and evaluates normally.
        assertTrue(reopened.record(result("run-a", T0, 300), "request-3", null, null));
        UsageGovernor g = UsageGovernor.builder(paths, reopened).clock(clock).files(AtomicFiles.NO_FSYNC)
                .config(tokens(true, "UTC", rule("rolling", UsageWindow.ROLLING_5H, 1200))).build();
        assertEquals(1200, g.evaluate(List.of(), null, List.of()).blockers().get(0).observed());
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedWithAWarning() throws Exception {
        UsageLedger ledger = open();
        ledger.record(result("run-a", T0, 400), "request-1", null, null);
        Path file = paths.usageGovernanceLedgerFile();
        List<String> good = Files.readAllLines(file);
        Path other = root.resolve("other.jsonl");
        UsageLedger.open(other, AtomicFiles.NO_FSYNC, clock).record(result("run-a", T0, 500), "request-2", null, null);
        Files.write(file, List.of(good.get(0), "not json at all", Files.readAllLines(other).get(0)));

        UsageLedger reopened = open();
        assertEquals(2, reopened.countedResults());
        assertTrue(reopened.openWarnings().stream().anyMatch(w -> w.contains(":2")), reopened.openWarnings().toString());
        assertTrue(reopened.contains("request-2"));
    }

    @Test
    void resultsWithoutTokenUsageAreNotRecorded() {
        UsageLedger ledger = open();
        var noUsage = result("run-a", T0, 1).toBuilder().tokenUsage(null).build();
        assertFalse(ledger.record(noUsage, "request-1", null, null));
        assertFalse(Files.exists(paths.usageGovernanceLedgerFile()));
    }

    @Test
    void linesAreCompactJsonWithTheRequestIdAsDedupeKey() throws Exception {
        open().record(result("run-a", T0, 400), "request-1", "millrace-agents/runs/run-a/stage_results/request-1.json", "s1");
        String line = Files.readAllLines(paths.usageGovernanceLedgerFile(), StandardCharsets.UTF_8).get(0);
        assertTrue(line.startsWith("{\"dedupe_key\":\"request-1\""), line);
        assertTrue(line.contains("\"total_tokens\":400"), line);
        assertTrue(line.contains("\"daemon_session_id\":\"s1\""), line);
    }

    @Test
    void memoryForTimeWindowsIsBoundedByTheRetentionPeriod() {
        UsageLedger ledger = open();
        for (int day = 0; day < 60; day++) {
            clock.set(T0.plus(Duration.ofDays(day)));
            ledger.record(result("run-" + day, clock.instant(), 10), "request-" + day, null, null);
        }
        // Re-opening after 60 days keeps per-instant totals of the last eight days only.
        UsageLedger reopened = open();
        assertEquals(60, reopened.countedResults());
        assertTrue(reopened.withIndex(i -> i.retainedInstants()) <= 9,
                "retained " + reopened.withIndex(i -> i.retainedInstants()));
    }
}
