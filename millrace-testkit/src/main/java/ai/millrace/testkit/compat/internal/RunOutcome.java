package ai.millrace.testkit.compat.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.millrace.api.run.RunnerRawResult;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one run did, as the compatibility kit saw it, with the assertions that do not depend on the
 * scenario.
 *
 * @param scenario the scenario name, for messages
 * @param attempt the call of {@code run}
 * @param endedInTime whether {@code run} returned within its limit without a forced interrupt
 * @param limit that limit
 * @param observed every process seen while the run was going on
 * @param leftovers the seen processes still running after {@code leftoverWait} (since killed)
 * @param leftoverWait how long they were given to be gone
 * @param sawGrandchild whether a process with a parent other than the JVM was seen
 */
public record RunOutcome(String scenario, RunAttempt attempt, boolean endedInTime, Duration limit,
        List<ObservedProcess> observed, List<ObservedProcess> leftovers, Duration leftoverWait, boolean sawGrandchild) {

    /**
     * Returns what {@code run} returned.
     *
     * @return the result, or null when it threw or never ended
     */
    public RunnerRawResult result() {
        return attempt.result();
    }

    /**
     * Fails unless {@code run} returned a result within its limit.
     */
    public void assertReturned() {
        if (!endedInTime) {
            fail(scenario + ": run() did not return within " + limit + (attempt.hasEnded()
                    ? " (it returned " + (attempt.result() != null ? attempt.result().exitKind() : "by throwing")
                            + " only after the kit interrupted it)"
                    : " (still running after the kit interrupted it)")
                    + "; processes seen: " + describeObserved() + describeLeftovers());
        }
        if (attempt.failure() != null) {
            fail(scenario + ": run() threw instead of returning a result" + describeLeftovers(), attempt.failure());
        }
        assertNotNull(attempt.result(), scenario + ": run() returned null");
    }

    /**
     * Fails when a process the run started was still running after it returned.
     */
    public void assertNoLeftovers() {
        assertTrue(leftovers.isEmpty(), scenario + ": processes started by the run were still alive "
                + leftoverWait + " after it returned (the kit killed them):" + describeLeftovers());
    }

    /**
     * Describes every process seen, for messages.
     *
     * @return the descriptions, or {@code none}
     */
    public String describeObserved() {
        return observed.isEmpty() ? "none"
                : observed.stream().map(ObservedProcess::describe).collect(Collectors.joining("; "));
    }

    private String describeLeftovers() {
        return leftovers.isEmpty() ? ""
                : " " + leftovers.stream().map(ObservedProcess::describe).collect(Collectors.joining("; "));
    }
}
