package ai.millrace.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The name of a stage, such as {@code builder}.
 *
 * <p>An open value type: the fifteen built-in stages are constants here, and plugins add more by
 * contributing stage kinds. Values are canonical ids (lower case, {@code [a-z0-9]} words joined
 * by {@code .}, {@code _} or {@code -}). Which plane a stage belongs to and what it may report is
 * answered by {@link StageMetadataRegistry}, not by this type.
 *
 * @param value the canonical stage name
 */
public record StageId(String value) implements Comparable<StageId> {
    /** Execution: first implementation pass on a task. */
    public static final StageId BUILDER = new StageId("builder");
    /** Execution: expectations-first QA gate. */
    public static final StageId CHECKER = new StageId("checker");
    /** Execution: narrow repair against the fix contract. */
    public static final StageId FIXER = new StageId("fixer");
    /** Execution: re-validation of the fixer's work. */
    public static final StageId DOUBLECHECKER = new StageId("doublechecker");
    /** Execution: reconciles documentation with finished work. */
    public static final StageId UPDATER = new StageId("updater");
    /** Execution: local recovery from anomalies. */
    public static final StageId TROUBLESHOOTER = new StageId("troubleshooter");
    /** Execution: breaks repeated failure loops, may escalate to planning. */
    public static final StageId CONSULTANT = new StageId("consultant");
    /** Planning: turns specs and incidents into execution-ready specs. */
    public static final StageId PLANNER = new StageId("planner");
    /** Planning: decomposes a spec into tasks. */
    public static final StageId MANAGER = new StageId("manager");
    /** Planning: repairs planning failures. */
    public static final StageId MECHANIC = new StageId("mechanic");
    /** Planning: normalizes one incident for the planner. */
    public static final StageId AUDITOR = new StageId("auditor");
    /** Planning: judges closure of a root spec's lineage. */
    public static final StageId ARBITER = new StageId("arbiter");
    /** Learning: turns a learning request into a research packet. */
    public static final StageId ANALYST = new StageId("analyst");
    /** Learning: drafts a skill candidate or patch. */
    public static final StageId PROFESSOR = new StageId("professor");
    /** Learning: decides on and applies a workspace skill change. */
    public static final StageId CURATOR = new StageId("curator");

    /**
     * Validates and normalizes the name.
     *
     * @param value the name; trimmed and lower-cased
     * @throws ContractViolationException when it is not a canonical id
     */
    public StageId {
        value = Identifiers.canonicalId("stage", value);
    }

    /**
     * Returns the stage id for a name.
     *
     * @param value the stage name
     * @return the id
     * @throws ContractViolationException when the name is not a canonical id
     */
    @JsonCreator
    public static StageId of(String value) {
        return new StageId(value);
    }

    /**
     * Returns the stage's running marker token, for example {@code BUILDER_RUNNING}.
     *
     * @return the upper-cased name with {@code _RUNNING} appended, dots and dashes as underscores
     */
    public String runningMarkerToken() {
        return value.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_') + "_RUNNING";
    }

    /**
     * Returns the canonical stage name; this is also the wire form.
     *
     * @return the canonical stage name
     */
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public int compareTo(StageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
