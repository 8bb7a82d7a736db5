package ai.millrace.testkit.assertions;

import ai.millrace.api.state.RecoveryCounterEntry;
import java.util.Objects;

/**
 * An expected recovery counter entry of a work item:
 * {@code Counter.of("builder_blocked").troubleshoot(2).consultant(1)}. Unset counts are 0.
 * Immutable.
 *
 * @param failureClass the failure class the entry counts
 * @param troubleshoot troubleshooter attempts
 * @param mechanic mechanic attempts
 * @param fixCycles fix cycles
 * @param consultant consultant invocations
 */
public record Counter(String failureClass, int troubleshoot, int mechanic, int fixCycles, int consultant) {
    /**
     * Checks the failure class.
     *
     * @param failureClass the failure class, never null
     * @param troubleshoot troubleshooter attempts
     * @param mechanic mechanic attempts
     * @param fixCycles fix cycles
     * @param consultant consultant invocations
     */
    public Counter {
        Objects.requireNonNull(failureClass, "failureClass");
    }

    /**
     * Starts an expected entry with every count 0.
     *
     * @param failureClass the failure class, such as {@code fix_cycle}
     * @return the entry
     */
    public static Counter of(String failureClass) {
        return new Counter(failureClass, 0, 0, 0, 0);
    }

    static Counter of(RecoveryCounterEntry e) {
        return new Counter(e.failureClass(), e.troubleshootAttemptCount(), e.mechanicAttemptCount(),
                e.fixCycleCount(), e.consultantInvocations());
    }

    /**
     * Sets the troubleshooter attempts.
     *
     * @param n the count
     * @return a new entry
     */
    public Counter troubleshoot(int n) {
        return new Counter(failureClass, n, mechanic, fixCycles, consultant);
    }

    /**
     * Sets the mechanic attempts.
     *
     * @param n the count
     * @return a new entry
     */
    public Counter mechanic(int n) {
        return new Counter(failureClass, troubleshoot, n, fixCycles, consultant);
    }

    /**
     * Sets the fix cycles.
     *
     * @param n the count
     * @return a new entry
     */
    public Counter fixCycles(int n) {
        return new Counter(failureClass, troubleshoot, mechanic, n, consultant);
    }

    /**
     * Sets the consultant invocations.
     *
     * @param n the count
     * @return a new entry
     */
    public Counter consultant(int n) {
        return new Counter(failureClass, troubleshoot, mechanic, fixCycles, n);
    }

    @Override
    public String toString() {
        return failureClass + "{troubleshoot=" + troubleshoot + ", mechanic=" + mechanic + ", fixCycles=" + fixCycles
                + ", consultant=" + consultant + "}";
    }
}
