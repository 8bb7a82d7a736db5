package ai.millrace.core.governance;

import ai.millrace.api.state.PauseSource;
import ai.millrace.api.state.RuntimeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one governance evaluation. Immutable.
 *
 * @param evaluatedAt when it ran
 * @param enabled whether governance was enabled
 * @param blockers the rules that block dispatching now; empty when none
 * @param change what to do with the {@code usage_governance} pause source
 * @param nextAutoResumeAt the earliest time a blocker frees up (re-evaluate then); null unless every
 *     blocker frees up by itself at a known time
 * @param clearedRuleIds on {@link PauseChange#CLEAR}, the rule ids that blocked before; else empty
 * @param warnings configuration and telemetry warnings of this evaluation
 */
public record GovernanceDecision(Instant evaluatedAt, boolean enabled, List<UsageBlocker> blockers,
        PauseChange change, Instant nextAutoResumeAt, List<String> clearedRuleIds, List<String> warnings) {

    /**
     * Copies the lists.
     *
     * @param evaluatedAt when it ran
     * @param enabled whether enabled
     * @param blockers the blockers
     * @param change the pause change
     * @param nextAutoResumeAt when every blocker frees up
     * @param clearedRuleIds the rules cleared
     * @param warnings warnings
     */
    public GovernanceDecision {
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(change, "change");
        blockers = List.copyOf(blockers);
        clearedRuleIds = List.copyOf(clearedRuleIds);
        warnings = List.copyOf(warnings);
    }

    /** @return true when the {@code usage_governance} pause source must be held after this decision */
    public boolean paused() {
        return change == PauseChange.SET || change == PauseChange.KEEP;
    }

    /**
     * Applies the decision to a list of pause sources: adds or removes {@code usage_governance}
     * only; every other source is kept as it is.
     *
     * @param current the current sources
     * @return the new sources in canonical order (operator first)
     */
    public List<PauseSource> applyTo(List<PauseSource> current) {
        EnumSet<PauseSource> set = EnumSet.noneOf(PauseSource.class);
        set.addAll(current);
        if (paused()) {
            set.add(PauseSource.USAGE_GOVERNANCE);
        } else {
            set.remove(PauseSource.USAGE_GOVERNANCE);
        }
        return new ArrayList<>(set);
    }

    /**
     * Applies the decision to a snapshot (see {@link #applyTo(List)}).
     *
     * @param snapshot the snapshot
     * @return the same snapshot when nothing changes, else a copy with the new sources stamped
     *     {@code updated_at = evaluatedAt}
     */
    public RuntimeSnapshot applyTo(RuntimeSnapshot snapshot) {
        List<PauseSource> next = applyTo(snapshot.pauseSources());
        if (setOf(next).equals(setOf(snapshot.pauseSources()))) {
            return snapshot;
        }
        return snapshot.toBuilder().pauseSources(next).paused(!next.isEmpty()).updatedAt(evaluatedAt).build();
    }

    private static EnumSet<PauseSource> setOf(List<PauseSource> sources) {
        EnumSet<PauseSource> set = EnumSet.noneOf(PauseSource.class);
        set.addAll(sources);
        return set;
    }
}
