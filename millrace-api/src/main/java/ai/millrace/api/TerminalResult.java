package ai.millrace.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A terminal result token a stage reports, such as {@code CHECKER_PASS}.
 *
 * <p>An open value type: plugin stage kinds declare their own outcomes. Tokens are upper-case
 * status tokens. Results are plane-scoped: {@link #BLOCKED} exists in every plane, and whether a
 * token is legal for a stage is answered by {@link StageMetadata#isLegal(TerminalResult)}. On the
 * wire and in markers a result is written as {@code ### TOKEN}; see {@link #marker()}.
 *
 * @param token the upper-case token
 */
public record TerminalResult(String token) {
    /** Builder finished its implementation pass. */
    public static final TerminalResult BUILDER_COMPLETE = new TerminalResult("BUILDER_COMPLETE");
    /** Checker found the work meets its contract. */
    public static final TerminalResult CHECKER_PASS = new TerminalResult("CHECKER_PASS");
    /** Checker or doublechecker found concrete gaps and wrote a fix contract. */
    public static final TerminalResult FIX_NEEDED = new TerminalResult("FIX_NEEDED");
    /** Fixer finished the repairs. */
    public static final TerminalResult FIXER_COMPLETE = new TerminalResult("FIXER_COMPLETE");
    /** Doublechecker confirmed the gaps are gone. */
    public static final TerminalResult DOUBLECHECK_PASS = new TerminalResult("DOUBLECHECK_PASS");
    /** Updater reconciled the docs. */
    public static final TerminalResult UPDATE_COMPLETE = new TerminalResult("UPDATE_COMPLETE");
    /** Troubleshooter repaired the anomaly locally. */
    public static final TerminalResult TROUBLESHOOT_COMPLETE = new TerminalResult("TROUBLESHOOT_COMPLETE");
    /** Consultant chose a bounded local continuation. */
    public static final TerminalResult CONSULT_COMPLETE = new TerminalResult("CONSULT_COMPLETE");
    /** Consultant escalated to planning with an incident. */
    public static final TerminalResult NEEDS_PLANNING = new TerminalResult("NEEDS_PLANNING");
    /** The stage could not proceed; legal for every stage of every plane. */
    public static final TerminalResult BLOCKED = new TerminalResult("BLOCKED");
    /** Planner produced execution-ready spec(s). */
    public static final TerminalResult PLANNER_COMPLETE = new TerminalResult("PLANNER_COMPLETE");
    /** Manager wrote the tasks for a spec. */
    public static final TerminalResult MANAGER_COMPLETE = new TerminalResult("MANAGER_COMPLETE");
    /** Mechanic repaired a planning failure. */
    public static final TerminalResult MECHANIC_COMPLETE = new TerminalResult("MECHANIC_COMPLETE");
    /** Auditor normalized an incident. */
    public static final TerminalResult AUDITOR_COMPLETE = new TerminalResult("AUDITOR_COMPLETE");
    /** Arbiter agreed the lineage is complete. */
    public static final TerminalResult ARBITER_COMPLETE = new TerminalResult("ARBITER_COMPLETE");
    /** Arbiter found gaps that need remediation. */
    public static final TerminalResult REMEDIATION_NEEDED = new TerminalResult("REMEDIATION_NEEDED");
    /** Analyst wrote a research packet. */
    public static final TerminalResult ANALYST_COMPLETE = new TerminalResult("ANALYST_COMPLETE");
    /** Professor drafted a skill candidate or patch. */
    public static final TerminalResult PROFESSOR_COMPLETE = new TerminalResult("PROFESSOR_COMPLETE");
    /** Curator recorded its decision. */
    public static final TerminalResult CURATOR_COMPLETE = new TerminalResult("CURATOR_COMPLETE");

    /** The prefix of every status marker line. */
    public static final String MARKER_PREFIX = "### ";

    /**
     * Validates and normalizes the token.
     *
     * @param token the token; trimmed and upper-cased
     * @throws ContractViolationException when it is not a status token
     */
    public TerminalResult {
        token = Identifiers.statusToken("terminal_result", token);
    }

    /**
     * Returns the result for a token.
     *
     * @param token the token
     * @return the result
     * @throws ContractViolationException when the token is not a status token
     */
    @JsonCreator
    public static TerminalResult of(String token) {
        return new TerminalResult(token);
    }

    /**
     * Returns the marker line for this result, {@code ### TOKEN}.
     *
     * @return the marker, never null
     */
    public String marker() {
        return MARKER_PREFIX + token;
    }

    /**
     * Returns the upper-case token; this is also the wire form.
     *
     * @return the upper-case token
     */
    @Override
    @JsonValue
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
