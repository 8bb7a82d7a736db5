package ai.millrace.compiler;

/** Whether a persisted plan still matches its inputs (spec 01 section 4.8). */
public enum PlanCurrentness {
    /** The persisted plan's fingerprint equals the one computed from current inputs. */
    CURRENT("current"),
    /** A persisted plan exists but its configuration, assets or mode changed. */
    STALE("stale"),
    /** No loadable persisted plan. */
    MISSING("missing");

    private final String wireName;

    PlanCurrentness(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the lower-case name the CLI prints.
     *
     * @return {@code current}, {@code stale} or {@code missing}
     */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
