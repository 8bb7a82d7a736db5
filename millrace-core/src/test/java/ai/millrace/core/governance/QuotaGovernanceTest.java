package ai.millrace.core.governance;

import ai.millrace.core.internal.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.millrace.api.config.QuotaWindow;
import ai.millrace.api.state.PauseSource;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaGovernanceTest {
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

    private UsageGovernor governor(String policy, QuotaTelemetry telemetry) {
        UsageLedger ledger = UsageLedger.open(paths.usageGovernanceLedgerFile(), AtomicFiles.NO_FSYNC, clock);
        return UsageGovernor.builder(paths, ledger).config(GovernanceFixtures.quota(policy, 60)).telemetry(telemetry)
                .clock(clock).files(AtomicFiles.NO_FSYNC).build();
    }

    @Test
    void unavailableTelemetryFailsOpenByDefaultPolicy() {
        GovernanceDecision d = governor("fail_open", QuotaTelemetry.unavailable()).evaluate(List.of(), null, List.of());
        assertEquals(PauseChange.NONE, d.change());
        assertTrue(d.warnings().get(0).contains("quota_telemetry_unavailable"));
        QuotaStatus status = UsageGovernanceState.read(paths.usageGovernanceStateFile()).subscriptionQuotaStatus();
        assertEquals(QuotaStatus.DEGRADED, status.state());
        assertEquals("quota_telemetry_unavailable", status.detail());
    }

    @Test
    void unavailableTelemetryFailsClosedWithANonResumableBlocker() {
        GovernanceDecision d = governor("fail_closed", QuotaTelemetry.unavailable()).evaluate(List.of(), null, List.of());
        assertEquals(PauseChange.SET, d.change());
        UsageBlocker b = d.blockers().get(0);
        assertEquals("subscription-quota-degraded-fail-closed", b.ruleId());
        assertEquals("degraded", b.window());
        assertEquals(false, b.autoResumePossible());
    }

    @Test
    void healthyTelemetryBlocksPerRuleAndIsReadOncePerRefreshInterval() {
        QuotaTelemetry telemetry = mock(QuotaTelemetry.class);
        Instant reset = T0.plus(Duration.ofHours(2));
        when(telemetry.read(any())).thenAnswer(inv -> QuotaReading.of(Map.of(
                QuotaWindow.FIVE_HOUR, new QuotaWindowReading(92.5, reset),
                QuotaWindow.WEEKLY, new QuotaWindowReading(40, null)), inv.getArgument(0)));
        UsageGovernor g = governor("fail_open", telemetry);
        GovernanceDecision d = g.evaluate(List.of(), null, List.of());
        assertEquals(1, d.blockers().size());
        assertEquals("five-hour", d.blockers().get(0).ruleId());
        assertEquals(92.5, d.blockers().get(0).observed());
        assertEquals(reset, d.nextAutoResumeAt());

        clock.advance(Duration.ofSeconds(59));
        g.evaluate(List.of(PauseSource.USAGE_GOVERNANCE), null, List.of());
        verify(telemetry, times(1)).read(any());
        clock.advance(Duration.ofSeconds(1));
        g.evaluate(List.of(PauseSource.USAGE_GOVERNANCE), null, List.of());
        verify(telemetry, times(2)).read(any());
    }

    @Test
    void telemetryThatThrowsIsTreatedAsDegraded() {
        QuotaTelemetry broken = now -> {
            throw new IllegalStateException("boom");
        };
        GovernanceDecision d = governor("fail_closed", broken).evaluate(List.of(), null, List.of());
        assertEquals(PauseChange.SET, d.change());
        assertTrue(d.warnings().get(0).contains("boom"));
    }
}
