package ai.millrace.core.internal.engine;

import ai.millrace.api.WireKind;
import ai.millrace.api.run.StageRunRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * The durable claim that a stage was handed to a runner: written with the running marker before
 * the runner is called, deleted in the same transition that applies the result. A record found at
 * start-up means the process died while the stage ran; the next start either applies the result
 * the runner managed to persist, or routes the stage as an unknown outcome through recovery.
 *
 * @param request the request handed to the runner
 * @param dispatchedAt when it was handed over
 */
@WireKind("stage_dispatch")
public record DispatchRecord(StageRunRequest request, Instant dispatchedAt) {
    /**
     * Checks that no field is null.
     *
     * @param request the request
     * @param dispatchedAt when it was handed over
     */
    public DispatchRecord {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
    }
}
