package ai.millrace.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single source of stage legality: for each stage, its plane, running marker and legal
 * terminal results.
 *
 * <p>{@link #builtIn()} holds the fifteen stages of the original. The compiler extends it with
 * the stage kinds that plugins and workspaces contribute ({@link #withStage(StageMetadata)}), so
 * a custom stage is checked by the same rules as a built-in one. Instances are immutable and
 * thread-safe.
 */
public final class StageMetadataRegistry {
    private static final StageMetadataRegistry BUILT_IN = createBuiltIn();

    private final Map<StageId, StageMetadata> stages;

    private StageMetadataRegistry(Map<StageId, StageMetadata> stages) {
        this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /**
     * Returns the registry of the fifteen built-in stages.
     *
     * @return the shared built-in registry
     */
    public static StageMetadataRegistry builtIn() {
        return BUILT_IN;
    }

    /**
     * Returns a registry with one more stage, or with a stage replaced.
     *
     * @param metadata the stage to add
     * @return a new registry; this one is unchanged
     */
    public StageMetadataRegistry withStage(StageMetadata metadata) {
        Map<StageId, StageMetadata> copy = new LinkedHashMap<>(stages);
        copy.put(metadata.stage(), metadata);
        return new StageMetadataRegistry(copy);
    }

    /**
     * Looks a stage up.
     *
     * @param stage the stage
     * @return its metadata, or empty when unknown
     */
    public Optional<StageMetadata> find(StageId stage) {
        return Optional.ofNullable(stages.get(stage));
    }

    /**
     * Looks a stage up, failing when it is unknown.
     *
     * @param stage the stage
     * @return its metadata
     * @throws ContractViolationException with {@link ErrorCode#UNKNOWN_STAGE} when unknown
     */
    public StageMetadata require(StageId stage) {
        StageMetadata metadata = stages.get(stage);
        if (metadata == null) {
            throw new ContractViolationException(ErrorCode.UNKNOWN_STAGE, "unknown stage: " + stage);
        }
        return metadata;
    }

    /**
     * Looks a stage up and checks that it belongs to a plane.
     *
     * @param plane the expected plane
     * @param stage the stage
     * @return its metadata
     * @throws ContractViolationException when unknown or in another plane
     */
    public StageMetadata require(Plane plane, StageId stage) {
        StageMetadata metadata = require(stage);
        if (metadata.plane() != plane) {
            throw new ContractViolationException(
                    ErrorCode.UNKNOWN_STAGE, "stage '" + stage + "' does not belong to plane " + plane);
        }
        return metadata;
    }

    /**
     * Returns every known stage in registration order.
     *
     * @return the stages
     */
    public Collection<StageMetadata> all() {
        return stages.values();
    }

    /**
     * Returns the stages of one plane in registration order.
     *
     * @param plane the plane
     * @return the stages of that plane
     */
    public List<StageMetadata> forPlane(Plane plane) {
        List<StageMetadata> result = new ArrayList<>();
        for (StageMetadata m : stages.values()) {
            if (m.plane() == plane) {
                result.add(m);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Resolves a token against the results legal anywhere in a plane, as the original's
     * {@code terminal_result_for_plane} does.
     *
     * @param plane the plane
     * @param token the token, such as {@code BLOCKED}
     * @return the result if some stage of the plane may report it
     */
    public Optional<TerminalResult> terminalResultForPlane(Plane plane, String token) {
        for (StageMetadata m : stages.values()) {
            if (m.plane() == plane) {
                for (TerminalResult r : m.allowedResultClassesByOutcome().keySet()) {
                    if (r.token().equals(token)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static StageMetadataRegistry createBuiltIn() {
        Map<StageId, StageMetadata> map = new LinkedHashMap<>();
        add(map, StageId.BUILDER, Plane.EXECUTION, TerminalResult.BUILDER_COMPLETE);
        add(map, StageId.CHECKER, Plane.EXECUTION, TerminalResult.CHECKER_PASS, TerminalResult.FIX_NEEDED);
        add(map, StageId.FIXER, Plane.EXECUTION, TerminalResult.FIXER_COMPLETE);
        add(map, StageId.DOUBLECHECKER, Plane.EXECUTION, TerminalResult.DOUBLECHECK_PASS, TerminalResult.FIX_NEEDED);
        add(map, StageId.UPDATER, Plane.EXECUTION, TerminalResult.UPDATE_COMPLETE);
        add(map, StageId.TROUBLESHOOTER, Plane.EXECUTION, TerminalResult.TROUBLESHOOT_COMPLETE);
        add(map, StageId.CONSULTANT, Plane.EXECUTION, TerminalResult.CONSULT_COMPLETE, TerminalResult.NEEDS_PLANNING);
        add(map, StageId.PLANNER, Plane.PLANNING, TerminalResult.PLANNER_COMPLETE);
        add(map, StageId.MANAGER, Plane.PLANNING, TerminalResult.MANAGER_COMPLETE);
        add(map, StageId.MECHANIC, Plane.PLANNING, TerminalResult.MECHANIC_COMPLETE);
        add(map, StageId.AUDITOR, Plane.PLANNING, TerminalResult.AUDITOR_COMPLETE);
        add(map, StageId.ARBITER, Plane.PLANNING, TerminalResult.ARBITER_COMPLETE, TerminalResult.REMEDIATION_NEEDED);
        add(map, StageId.ANALYST, Plane.LEARNING, TerminalResult.ANALYST_COMPLETE);
        add(map, StageId.PROFESSOR, Plane.LEARNING, TerminalResult.PROFESSOR_COMPLETE);
        add(map, StageId.CURATOR, Plane.LEARNING, TerminalResult.CURATOR_COMPLETE);
        return new StageMetadataRegistry(map);
    }

    // The first outcome is the success outcome; FIX_NEEDED and REMEDIATION_NEEDED are follow-ups,
    // NEEDS_PLANNING escalates; BLOCKED always comes last.
    private static void add(Map<StageId, StageMetadata> map, StageId stage, Plane plane, TerminalResult... outcomes) {
        Map<TerminalResult, List<ResultClass>> classes = new LinkedHashMap<>();
        for (TerminalResult outcome : outcomes) {
            ResultClass resultClass;
            if (outcome.equals(TerminalResult.FIX_NEEDED) || outcome.equals(TerminalResult.REMEDIATION_NEEDED)) {
                resultClass = ResultClass.FOLLOWUP_NEEDED;
            } else if (outcome.equals(TerminalResult.NEEDS_PLANNING)) {
                resultClass = ResultClass.ESCALATE_PLANNING;
            } else {
                resultClass = ResultClass.SUCCESS;
            }
            classes.put(outcome, List.of(resultClass));
        }
        classes.put(TerminalResult.BLOCKED, List.of(ResultClass.BLOCKED, ResultClass.RECOVERABLE_FAILURE));
        map.put(stage, new StageMetadata(stage, plane, stage.runningMarkerToken(), classes));
    }
}
