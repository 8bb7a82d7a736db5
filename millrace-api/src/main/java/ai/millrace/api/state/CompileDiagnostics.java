package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of the last compile, {@code state/compile_diagnostics.json}. A failed compile
 * carries at least one error.
 *
 * @param ok true when the compile succeeded
 * @param modeId the resolved mode id that was requested (even when it does not exist)
 * @param errors error messages
 * @param warnings warning messages
 * @param emittedAt when the diagnostics were produced
 */
@WireKind("compile_diagnostics")
public record CompileDiagnostics(
        boolean ok,
        String modeId,
        List<String> errors,
        List<String> warnings,
        Instant emittedAt) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param ok true when the compile succeeded
     * @param modeId the resolved mode id that was requested (even when it does not exist)
     * @param errors error messages
     * @param warnings warning messages
     * @param emittedAt when the diagnostics were produced
     */
    public CompileDiagnostics {
        Objects.requireNonNull(modeId, "mode_id is required");
        errors = Copies.list(errors);
        warnings = Copies.list(warnings);
        Objects.requireNonNull(emittedAt, "emitted_at is required");
        if (!ok && errors.isEmpty()) {
            throw new ContractViolationException("compile diagnostics with ok=false need at least one error");
        }
    }
}
