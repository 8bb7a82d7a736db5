package ai.millrace.core.internal.journal;

import ai.millrace.api.Plane;
import ai.millrace.core.internal.state.StatusMarkers;
import java.util.Objects;

/**
 * Writes a plane's status marker file. Pair it with a {@link WriteSnapshot} carrying the same
 * marker in the snapshot mirror.
 *
 * @param plane the plane
 * @param marker the marker line {@code ### <TOKEN>}
 */
public record WriteStatusMarker(Plane plane, String marker) implements TransitionStep {
    /**
     * Validates.
     *
     * @param plane the plane
     * @param marker the marker
     */
    public WriteStatusMarker {
        Objects.requireNonNull(plane, "plane");
        StatusMarkers.require(marker);
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().statusFile(plane), context.paths().stateDir());
    }

    @Override
    public void apply(TransitionContext context) {
        context.state().writeStatusMarker(plane, marker);
    }
}
