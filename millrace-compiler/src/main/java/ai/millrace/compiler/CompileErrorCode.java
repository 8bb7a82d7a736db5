package ai.millrace.compiler;

/**
 * Stable codes of the reasons a compile can fail.
 *
 * <p>Every diagnostics error string starts with {@code [<code>] }, for example
 * {@code [MR-C004] graph loop execution.standard node fixer references unknown stage_kind_id fixerx}.
 * A code never changes meaning once released; a new kind of failure gets a new code.
 */
public enum CompileErrorCode {
    /** The requested (or configured) mode id matches no mode. */
    UNKNOWN_MODE("MR-C001"),
    /** Two assets of one family claim the same id (two workspace files, or two plugins). */
    DUPLICATE_ASSET_ID("MR-C002"),
    /** An asset file or plugin definition is not valid: bad JSON, unknown key, bad value. */
    INVALID_ASSET("MR-C003"),
    /** A graph node names a stage kind nobody defines. */
    UNKNOWN_STAGE_KIND("MR-C004"),
    /** A mode binds a plane to a graph loop id nobody defines. */
    UNKNOWN_GRAPH_LOOP("MR-C005"),
    /** An asset file declares an id other than the one its conventional path implies. */
    ASSET_ID_MISMATCH("MR-C006"),
    /** An edge or policy reacts to an outcome its stage kind cannot emit. */
    ILLEGAL_OUTCOME("MR-C007"),
    /** A graph node can never run: no entry, edge or policy leads to it. */
    UNREACHABLE_NODE("MR-C008"),
    /** An entrypoint or required skill file the plan needs is missing or unreadable. */
    MISSING_COMPILE_ASSET("MR-C009"),
    /** A graph refers to a node, terminal state or policy id that it does not declare. */
    DANGLING_REFERENCE("MR-C010"),
    /** A markdown asset path is absolute, escapes its folder or has the wrong prefix. */
    INVALID_ASSET_PATH("MR-C011"),
    /** A transition into a terminal state the runtime cannot apply. */
    UNSUPPORTED_TERMINAL_TRANSITION("MR-C012"),
    /** A mode map or learning trigger rule names a stage outside the selected loops. */
    STAGE_OUTSIDE_SELECTED_LOOPS("MR-C013"),
    /** A stage kind that redefines a built-in stage disagrees with the built-in stage legality. */
    STAGE_METADATA_MISMATCH("MR-C014"),
    /** A node, loop or rule is used in a plane it does not belong to. */
    PLANE_MISMATCH("MR-C015"),
    /** A graph node sets an override its stage kind does not allow. */
    UNSUPPORTED_OVERRIDE("MR-C016"),
    /** Completion behaviour targets a node whose stage kind has no closure role. */
    NON_CLOSURE_COMPLETION_TARGET("MR-C017"),
    /** A plugin provider threw, or returned a null list or element. */
    PLUGIN_FAILURE("MR-C018"),
    /** The assembled plan broke a plan invariant (a compiler defect; please report it). */
    INVALID_PLAN("MR-C019"),
    /** Anything else that went wrong while compiling (a compiler defect; please report it). */
    INTERNAL_ERROR("MR-C099");

    private final String code;

    CompileErrorCode(String code) {
        this.code = code;
    }

    /**
     * Returns the stable code, such as {@code MR-C004}.
     *
     * @return the code, never null
     */
    public String code() {
        return code;
    }
}
