package ai.millrace.api;

import ai.millrace.api.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one stage may do: its plane, its running marker, and its ordered legal terminal results
 * with the result classes each may carry.
 *
 * <p>The order of {@link #allowedResultClassesByOutcome()} is contractual: it is the order of the
 * legal markers handed to a runner. Invariants checked on construction: at least one outcome;
 * every outcome maps to a non-empty list; {@code BLOCKED} maps only to {@code blocked} and/or
 * {@code recoverable_failure}; every other outcome maps to exactly one class.
 *
 * @param stage the stage
 * @param plane the plane the stage belongs to
 * @param runningStatusMarker the running marker token without {@code ### }, such as {@code BUILDER_RUNNING}
 * @param allowedResultClassesByOutcome legal outcomes in contractual order, each with its allowed classes
 */
public record StageMetadata(
        StageId stage,
        Plane plane,
        String runningStatusMarker,
        Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome) {

    /**
     * Validates the invariants and copies the map in order.
     *
     * @param stage the stage
     * @param plane the plane the stage belongs to
     * @param runningStatusMarker the running marker token without {@code ### }, such as {@code BUILDER_RUNNING}
     * @param allowedResultClassesByOutcome legal outcomes in contractual order, each with its allowed classes
     */
    public StageMetadata {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(plane, "plane");
        runningStatusMarker = Identifiers.statusToken("running_status_marker", runningStatusMarker);
        allowedResultClassesByOutcome = Copies.mapOfLists(allowedResultClassesByOutcome);
        if (allowedResultClassesByOutcome.isEmpty()) {
            throw new ContractViolationException("stage " + stage + " must declare at least one legal outcome");
        }
        for (var entry : allowedResultClassesByOutcome.entrySet()) {
            List<ResultClass> classes = entry.getValue();
            if (classes.isEmpty()) {
                throw new ContractViolationException(
                        "stage " + stage + " outcome " + entry.getKey() + " must allow at least one result class");
            }
            if (entry.getKey().equals(TerminalResult.BLOCKED)) {
                for (ResultClass c : classes) {
                    if (c != ResultClass.BLOCKED && c != ResultClass.RECOVERABLE_FAILURE) {
                        throw new ContractViolationException("stage " + stage
                                + " outcome BLOCKED may only allow blocked or recoverable_failure, not " + c);
                    }
                }
            } else if (classes.size() != 1) {
                throw new ContractViolationException(
                        "stage " + stage + " outcome " + entry.getKey() + " must map to exactly one result class");
            }
        }
    }

    /**
     * Returns the legal terminal results in contractual order.
     *
     * @return the results, never empty
     */
    public List<TerminalResult> legalTerminalResults() {
        return List.copyOf(allowedResultClassesByOutcome.keySet());
    }

    /**
     * Returns the legal terminal markers ({@code ### TOKEN}) in contractual order.
     *
     * @return the markers, never empty
     */
    public List<String> legalTerminalMarkers() {
        List<String> markers = new ArrayList<>();
        allowedResultClassesByOutcome.keySet().forEach(r -> markers.add(r.marker()));
        return List.copyOf(markers);
    }

    /**
     * Tells whether a result is legal for this stage.
     *
     * @param result the result, may be null
     * @return true if it is one of the legal outcomes
     */
    public boolean isLegal(TerminalResult result) {
        return result != null && allowedResultClassesByOutcome.containsKey(result);
    }

    /**
     * Returns the running marker line, {@code ### BUILDER_RUNNING}.
     *
     * @return the marker line
     */
    public String runningMarkerLine() {
        return TerminalResult.MARKER_PREFIX + runningStatusMarker;
    }
}
