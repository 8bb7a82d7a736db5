package ai.millrace.core.internal.workspace;

import ai.millrace.api.Plane;
import ai.millrace.api.state.RuntimeMode;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.state.WatcherMode;
import java.time.Instant;

/**
 * The content of the files a new workspace starts with (spec 02 section 1.2). Stateless.
 */
public final class DefaultFiles {
    /** {@code millrace.toml} exactly as the original writes it. */
    public static final String CONFIG_TOML = "[runtime]\n"
            + "default_mode = \"default_codex\"\n"
            + "run_style = \"daemon\"\n"
            + "\n"
            + "[runners.codex]\n"
            + "permission_default = \"maximum\"\n";

    /** A status marker file of an idle plane. */
    public static final String IDLE_STATUS = RuntimeSnapshot.IDLE_MARKER + "\n";

    private DefaultFiles() {
    }

    /**
     * Returns the snapshot of a workspace that has never run.
     *
     * @param now the time to record as {@code updated_at}
     * @param workspaceRelativePlanPath the compiled plan path relative to the workspace
     * @return the snapshot
     */
    public static RuntimeSnapshot bootstrapSnapshot(Instant now, String workspaceRelativePlanPath) {
        return RuntimeSnapshot.builder()
                .runtimeMode(RuntimeMode.DAEMON)
                .activeModeId("default_codex")
                .executionLoopId("execution.standard")
                .planningLoopId("planning.standard")
                .compiledPlanId("bootstrap")
                .compiledPlanPath(workspaceRelativePlanPath)
                .executionStatusMarker(RuntimeSnapshot.IDLE_MARKER)
                .planningStatusMarker(RuntimeSnapshot.IDLE_MARKER)
                .learningStatusMarker(RuntimeSnapshot.IDLE_MARKER)
                .configVersion("bootstrap")
                .watcherMode(WatcherMode.OFF)
                .updatedAt(now)
                .build();
    }

    /**
     * Returns the planes in the order their status files are created.
     *
     * @return execution, planning, learning
     */
    public static Plane[] statusPlanes() {
        return new Plane[] {Plane.EXECUTION, Plane.PLANNING, Plane.LEARNING};
    }
}
