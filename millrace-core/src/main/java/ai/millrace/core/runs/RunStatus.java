package ai.millrace.core.runs;

/** How readable a persisted run is. */
public enum RunStatus {
    /** Every stage result file was read. */
    VALID("valid"),
    /** The run folder holds no stage result yet (the stage is running, or the process died before writing). */
    INCOMPLETE("incomplete"),
    /** At least one stage result file is not valid JSON or not a valid stage result. */
    MALFORMED("malformed");

    private final String wireName;

    RunStatus(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the lower-case name the CLI prints.
     *
     * @return {@code valid}, {@code incomplete} or {@code malformed}
     */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
