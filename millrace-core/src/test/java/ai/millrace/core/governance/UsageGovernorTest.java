package ai.millrace.core.governance;

import ai.millrace.core.internal.testing.MutableClock;
import static ai.millrace.core.governance.GovernanceFixtures.result;
import static ai.millrace.core.governance.GovernanceFixtures.rule;
import static ai.millrace.core.governance.GovernanceFixtures.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.config.UsageGovernanceConfig;
import ai.millrace.api.config.UsageWindow;
import ai.millrace.api.state.PauseSource;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageGovernorTest {
    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z"); // a Wednesday

    @TempDir
    Path root;

    private WorkspacePaths paths;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspaceWithSnapshot(root);
        clock = new MutableClock(T0);
    }

    private UsageGovernor governor(UsageGovernanceConfig config) {
        UsageLedger ledger = UsageLedger.open(paths.usageGovernanceLedgerFile(), AtomicFiles.NO_FSYNC, clock);
        return UsageGovernor.builder(paths, ledger).config(config).clock(clock).files(AtomicFiles.NO_FSYNC).build();
    }

    private static UsageGovernanceConfig rolling(boolean autoResume, long threshold) {
        return tokens(autoResume, "UTC", rule("rolling", UsageWindow.ROLLING_5H, threshold));
    }

    private static RuntimeSnapshot snapshot(PauseSource... sources) {
        return Fixtures.snapshot().toBuilder().pauseSources(List.of(sources)).paused(sources.length > 0).build();
    }

    @Test
    void offByDefaultRecordsAndWritesNothing() {
        UsageGovernor g = governor(UsageGovernanceConfig.defaults());
        assertFalse(g.recordStageResult(result("run-a", T0, 10_000_000), "request-1", null, null));
        GovernanceDecision d = g.evaluate(snapshot(), null);
        assertEquals(PauseChange.NONE, d.change());
        assertFalse(d.enabled());
        assertFalse(Files.exists(paths.usageGovernanceLedgerFile()));
        assertFalse(Files.exists(paths.usageGovernanceStateFile()));
    }

    @Test
    void tokenRulePausesBetweenStagesOnceTheThresholdIsReached() {
        UsageGovernor g = governor(rolling(true, 1000));
        assertTrue(g.recordStageResult(result("run-a", T0, 600), "request-1", "millrace-agents/runs/run-a/x.json", "s1"));
        RuntimeSnapshot s = snapshot();
        GovernanceDecision first = g.evaluate(s, "s1");
        assertEquals(PauseChange.NONE, first.change());
        assertTrue(first.blockers().isEmpty());

        clock.advance(Duration.ofMinutes(10));
        g.recordStageResult(result("run-a", clock.instant(), 500), "request-2", null, "s1");
        GovernanceDecision second = g.evaluate(s, "s1");
        assertEquals(PauseChange.SET, second.change());
        UsageBlocker b = second.blockers().get(0);
        assertEquals("runtime_token", b.source());
        assertEquals("rolling", b.ruleId());
        assertEquals("rolling_5h", b.window());
        assertEquals(1100, b.observed());
        assertEquals(1000, b.threshold());
        assertEquals(T0.plus(Duration.ofHours(5)), second.nextAutoResumeAt(),
                "dropping the oldest entry (600) frees the window");
        RuntimeSnapshot paused = second.applyTo(s);
        assertEquals(List.of(PauseSource.USAGE_GOVERNANCE), paused.pauseSources());
        assertTrue(paused.paused());
    }

    @Test
    void eachResultCountsOnceEvenWhenRecordedAgain() throws Exception {
        UsageGovernor g = governor(rolling(true, 1000));
        assertTrue(g.recordStageResult(result("run-a", T0, 600), "request-1", null, null));
        assertFalse(g.recordStageResult(result("run-a", T0, 600), "request-1", null, null));
        assertEquals(1, Files.readAllLines(paths.usageGovernanceLedgerFile()).size());
        GovernanceDecision d = g.evaluate(snapshot(), null);
        assertEquals(PauseChange.NONE, d.change(), "600 counted once stays under 1000");
    }

    @Test
    void aPauseSurvivesARestartAndTheResultIsStillCountedOnce() {
        UsageGovernor g = governor(rolling(true, 1000));
        g.recordStageResult(result("run-a", T0, 1200), "request-1", null, "s1");
        RuntimeSnapshot paused = g.evaluate(snapshot(), "s1").applyTo(snapshot());

        // Restart: new ledger and governor over the same files, a new session.
        clock.advance(Duration.ofMinutes(5));
        UsageGovernor restarted = governor(rolling(true, 1000));
        assertFalse(restarted.recordStageResult(result("run-a", T0, 1200), "request-1", null, "s2"),
                "a result re-applied after the restart is not counted twice");
        assertEquals(1, restarted.ledger().countedResults());
        GovernanceDecision d = restarted.evaluate(paused, "s2");
        assertEquals(PauseChange.KEEP, d.change());
        assertEquals(1200, d.blockers().get(0).observed());
        assertEquals(paused, d.applyTo(paused));
    }

    @Test
    void anOperatorResumeCannotClearTheGovernancePause() {
        UsageGovernor g = governor(rolling(true, 1000));
        g.recordStageResult(result("run-a", T0, 1500), "request-1", null, null);
        RuntimeSnapshot both = snapshot(PauseSource.OPERATOR, PauseSource.USAGE_GOVERNANCE);

        // The engine's operator resume removes only the operator source.
        RuntimeSnapshot resumed = both.toBuilder().pauseSources(List.of(PauseSource.USAGE_GOVERNANCE)).build();
        GovernanceDecision d = g.evaluate(resumed, null);
        assertEquals(PauseChange.KEEP, d.change());
        assertEquals(List.of(PauseSource.USAGE_GOVERNANCE), d.applyTo(resumed).pauseSources());
        assertTrue(d.applyTo(resumed).paused());

        // Even a caller that dropped every source gets the governance pause back while a rule blocks.
        RuntimeSnapshot wiped = snapshot();
        GovernanceDecision again = g.evaluate(wiped, null);
        assertEquals(PauseChange.SET, again.change());
        assertEquals(List.of(PauseSource.USAGE_GOVERNANCE), again.applyTo(wiped).pauseSources());
    }

    @Test
    void autoResumesWhenTheRollingWindowExpiresAndKeepsTheOperatorPause() {
        UsageGovernor g = governor(rolling(true, 1000));
        g.recordStageResult(result("run-a", T0, 700), "request-1", null, null);
        g.recordStageResult(result("run-a", T0.plus(Duration.ofHours(1)), 700), "request-2", null, null);
        clock.advance(Duration.ofHours(1));
        RuntimeSnapshot s = g.evaluate(snapshot(PauseSource.OPERATOR), null).applyTo(snapshot(PauseSource.OPERATOR));
        assertEquals(List.of(PauseSource.OPERATOR, PauseSource.USAGE_GOVERNANCE), s.pauseSources());

        clock.set(T0.plus(Duration.ofHours(5)).minusSeconds(1));
        assertEquals(PauseChange.KEEP, g.evaluate(s, null).change());

        clock.set(T0.plus(Duration.ofHours(5)));
        GovernanceDecision d = g.evaluate(s, null);
        assertEquals(PauseChange.CLEAR, d.change());
        assertEquals(List.of("rolling"), d.clearedRuleIds());
        assertEquals(List.of(PauseSource.OPERATOR), d.applyTo(s).pauseSources(), "only the governance source goes");
    }

    @Test
    void withoutAutoResumeThePauseStaysUntilGovernanceIsDisabled() {
        UsageGovernor g = governor(rolling(false, 1000));
        g.recordStageResult(result("run-a", T0, 1500), "request-1", null, null);
        RuntimeSnapshot s = g.evaluate(snapshot(), null).applyTo(snapshot());
        clock.advance(Duration.ofHours(6));
        GovernanceDecision later = g.evaluate(s, null);
        assertTrue(later.blockers().isEmpty());
        assertEquals(PauseChange.KEEP, later.change());

        g.configure(UsageGovernanceConfig.defaults());
        GovernanceDecision disabled = g.evaluate(s, null);
        assertEquals(PauseChange.CLEAR, disabled.change());
        assertTrue(disabled.applyTo(s).pauseSources().isEmpty());
        assertFalse(UsageGovernanceState.read(paths.usageGovernanceStateFile()).enabled(),
                "the state file that existed is updated when disabled");
    }

    @Test
    void calendarWeekUsesTheConfiguredZoneAndResumesAtTheNextWeek() {
        // Monday 2026-03-02 00:00 in New York is 05:00 UTC.
        UsageGovernor g = governor(tokens(true, "America/New_York", rule("week", UsageWindow.CALENDAR_WEEK, 1000)));
        g.recordStageResult(result("run-a", Instant.parse("2026-03-02T04:59:00Z"), 900), "request-old", null, null);
        g.recordStageResult(result("run-a", Instant.parse("2026-03-02T05:00:00Z"), 900), "request-new", null, null);
        GovernanceDecision d = g.evaluate(snapshot(), null);
        assertEquals(PauseChange.NONE, d.change(), "the Sunday-evening entry belongs to last week");

        g.recordStageResult(result("run-a", T0, 200), "request-3", null, null);
        GovernanceDecision blocked = g.evaluate(snapshot(), null);
        assertEquals(1100, blocked.blockers().get(0).observed());
        assertEquals(Instant.parse("2026-03-09T04:00:00Z"), blocked.nextAutoResumeAt(),
                "next Monday midnight in New York, after the DST change");
    }

    @Test
    void anUnknownZoneFallsBackToUtcWithAWarning() {
        UsageGovernor g = governor(tokens(true, "Mars/Olympus_Mons", rule("week", UsageWindow.CALENDAR_WEEK, 1000)));
        GovernanceDecision d = g.evaluate(snapshot(), null);
        assertTrue(d.warnings().get(0).contains("Mars/Olympus_Mons"));
        UsageGovernanceState state = UsageGovernanceState.read(paths.usageGovernanceStateFile());
        assertEquals("Z", state.calendarTimezone());
        assertEquals(d.warnings(), state.warnings());
    }

    @Test
    void daemonSessionAndPerRunWindowsCountTheirOwnEntriesAndDoNotAutoResume() {
        UsageGovernor g = governor(tokens(true, "UTC", rule("session", UsageWindow.DAEMON_SESSION, 1000),
                rule("run", UsageWindow.PER_RUN, 800)));
        g.recordStageResult(result("run-a", T0, 900), "request-1", null, "old-session");
        g.recordStageResult(result("run-b", T0, 500), "request-2", null, "s1");
        GovernanceDecision d = g.evaluate(List.of(), "s1", List.of("run-b"));
        assertEquals(PauseChange.NONE, d.change());

        g.recordStageResult(result("run-b", T0, 600), "request-3", null, "s1");
        GovernanceDecision blocked = g.evaluate(List.of(), "s1", List.of("run-b"));
        assertEquals(List.of("session", "run"), blocked.blockers().stream().map(UsageBlocker::ruleId).toList());
        assertEquals(1100, blocked.blockers().get(1).observed());
        assertFalse(blocked.blockers().get(0).autoResumePossible());
        assertNull(blocked.nextAutoResumeAt());

        GovernanceDecision otherRun = g.evaluate(List.of(PauseSource.USAGE_GOVERNANCE), "s2", List.of("run-c"));
        assertEquals(PauseChange.CLEAR, otherRun.change(), "a new session and run start from zero");
    }

    @Test
    void evaluationUsesTheInMemoryIndexAndNeverRereadsTheLedger() throws Exception {
        UsageGovernor g = governor(rolling(true, 1000));
        g.recordStageResult(result("run-a", T0, 1500), "request-1", null, null);
        Files.delete(paths.usageGovernanceLedgerFile());
        assertEquals(1500, g.evaluate(snapshot(), null).blockers().get(0).observed());
    }

    @Test
    void theStateFileIsWrittenWithItsSchemaOnEveryEnabledEvaluation() throws Exception {
        UsageGovernor g = governor(rolling(true, 1000));
        g.recordStageResult(result("run-a", T0, 1500), "request-1", null, "s1");
        g.evaluate(snapshot(), "s1");
        var tree = MillraceJson.readTree(Files.readString(paths.usageGovernanceStateFile()), "state");
        assertEquals("1.0", tree.get("schema_version").asText());
        assertEquals("usage_governance_state", tree.get("kind").asText());
        UsageGovernanceState state = UsageGovernanceState.read(paths.usageGovernanceStateFile());
        assertTrue(state.pausedByGovernance());
        assertTrue(state.autoResumePossible());
        assertEquals("rolling", state.activeBlockers().get(0).ruleId());
        assertEquals(1, state.countedResults());
        assertEquals("s1", state.daemonSessionId());
    }
}
