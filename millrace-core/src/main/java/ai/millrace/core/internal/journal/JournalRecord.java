package ai.millrace.core.internal.journal;

import ai.millrace.api.Identifiers;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code state/transition_journal.jsonl}: the intent of a transition (its steps) or
 * the mark that it committed.
 *
 * @param txn the transition id
 * @param type {@link #INTENT} or {@link #COMMIT}
 * @param name the transition name
 * @param at when the line was written
 * @param steps the steps of an intent; empty for a commit
 */
public record JournalRecord(String txn, String type, String name, Instant at, List<TransitionStep> steps) {
    /** The type of an intent line. */
    public static final String INTENT = "intent";
    /** The type of a commit line. */
    public static final String COMMIT = "commit";

    /**
     * Validates and copies.
     *
     * @param txn the id
     * @param type the type
     * @param name the name
     * @param at the time
     * @param steps the steps
     */
    public JournalRecord {
        Identifiers.requireSafeId("txn", txn);
        if (!INTENT.equals(type) && !COMMIT.equals(type)) {
            throw new IllegalArgumentException("journal record type must be intent or commit (got " + type + ")");
        }
        Identifiers.requireText("name", name);
        Objects.requireNonNull(at, "at");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
