package ai.millrace.api.state;

import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.util.List;

/**
 * The recovery counters file, {@code state/recovery_counters.json}.
 *
 * @param entries the entries, in insertion order
 */
@WireKind("recovery_counters")
public record RecoveryCounters(
        List<RecoveryCounterEntry> entries) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param entries the entries, in insertion order
     */
    public RecoveryCounters {
        entries = Copies.list(entries);
    }

    /** No entries. */
    public static final RecoveryCounters EMPTY = new RecoveryCounters(List.of());
}
