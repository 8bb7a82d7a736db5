package ai.millrace.core.governance;

import ai.millrace.api.WireKind;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The persisted governance state {@code state/usage_governance_state.json}, written atomically on
 * every enabled evaluation (schema {@code usage_governance_state}, version 1.0). It is a report
 * for operators and status commands; the source of truth for the pause is the snapshot's
 * {@code usage_governance} pause source, and for usage the ledger. Immutable.
 *
 * @param enabled whether governance is enabled
 * @param autoResume whether the pause lifts itself when blockers clear
 * @param autoResumePossible whether every active blocker frees up by itself
 * @param evaluationBoundary {@code between_stages}
 * @param calendarTimezone the zone actually used for calendar weeks
 * @param daemonSessionId the session evaluated for; may be null
 * @param lastEvaluatedAt when the evaluation ran
 * @param activeBlockers the blockers
 * @param pausedByGovernance whether the {@code usage_governance} source is held after the evaluation
 * @param nextAutoResumeAt the earliest time a blocker frees up; null unless every blocker frees up
 *     by itself at a known time
 * @param countedResults how many stage results the ledger has counted
 * @param warnings configuration and ledger warnings (unknown time zone, repaired ledger)
 * @param subscriptionQuotaStatus the quota part
 */
@WireKind("usage_governance_state")
public record UsageGovernanceState(
        boolean enabled,
        boolean autoResume,
        boolean autoResumePossible,
        String evaluationBoundary,
        String calendarTimezone,
        String daemonSessionId,
        Instant lastEvaluatedAt,
        List<UsageBlocker> activeBlockers,
        boolean pausedByGovernance,
        Instant nextAutoResumeAt,
        int countedResults,
        List<String> warnings,
        QuotaStatus subscriptionQuotaStatus) {

    /**
     * Copies the lists.
     *
     * @param enabled whether governance is enabled
     * @param autoResume whether the pause lifts itself
     * @param autoResumePossible whether every blocker frees up by itself
     * @param evaluationBoundary the boundary
     * @param calendarTimezone the zone used
     * @param daemonSessionId the session
     * @param lastEvaluatedAt when
     * @param activeBlockers the blockers
     * @param pausedByGovernance whether the source is held
     * @param nextAutoResumeAt when every blocker frees up
     * @param countedResults counted results
     * @param warnings warnings
     * @param subscriptionQuotaStatus the quota part
     */
    public UsageGovernanceState {
        activeBlockers = activeBlockers == null ? List.of() : List.copyOf(activeBlockers);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * Reads a state file.
     *
     * @param file the file
     * @return the state
     * @throws ai.millrace.api.MillraceException MALFORMED_DOCUMENT or STORAGE_FAILED
     */
    public static UsageGovernanceState read(Path file) {
        return MillraceJson.read(file, UsageGovernanceState.class);
    }
}
