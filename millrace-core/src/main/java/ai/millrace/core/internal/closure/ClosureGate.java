package ai.millrace.core.internal.closure;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.Identifiers;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime remembers about an open closure target beyond {@code ClosureTargetState}:
 * whether work ran since the last arbiter pass (the repeated-remediation guard, without scanning
 * the event log), whether the arbiter is parked until something changes, and why the target is
 * stalled on blocked lineage work. Stored at {@code R/arbiter/gates/<root_spec_id>.json}.
 *
 * @param rootSpecId the target's root spec id
 * @param executionSinceArbiter an execution stage completed since the last arbiter result
 * @param workSinceArbiter any non-arbiter stage completed since the last arbiter result
 * @param parkedReason why the arbiter is parked ({@code arbiter_blocked} or
 *     {@code closure_repeated_remediation_without_execution}); null when armed
 * @param parkedRunId the arbiter run that parked it; null when armed
 * @param parkedFingerprint the fingerprint of the target, rubric and contract files when parked
 * @param parkedAt when it was parked; null when armed
 * @param blockedReason {@code closure_target_blocked_reason}: the human-readable stall reason
 *     when lineage work is blocked; null otherwise
 * @param blockedWorkIds the ids of blocked lineage items (empty when none)
 * @param recommendedAction what the operator should do about the blocked lineage work; may be null
 * @param updatedAt when the gate was last written
 */
public record ClosureGate(
        String rootSpecId,
        boolean executionSinceArbiter,
        boolean workSinceArbiter,
        String parkedReason,
        String parkedRunId,
        String parkedFingerprint,
        Instant parkedAt,
        String blockedReason,
        List<String> blockedWorkIds,
        String recommendedAction,
        Instant updatedAt) {

    /** The {@code kind} written into the file. */
    public static final String KIND = "closure_target_gate";

    /**
     * Validates the root id and copies the list.
     *
     * @param rootSpecId the root spec id
     * @param executionSinceArbiter execution ran since the last arbiter result
     * @param workSinceArbiter any work ran since the last arbiter result
     * @param parkedReason why parked, or null
     * @param parkedRunId the parking run, or null
     * @param parkedFingerprint the fingerprint when parked, or null
     * @param parkedAt when parked, or null
     * @param blockedReason the stall reason, or null
     * @param blockedWorkIds blocked lineage ids
     * @param recommendedAction the operator action, or null
     * @param updatedAt when written
     */
    public ClosureGate {
        Identifiers.requireSafeId("root_spec_id", rootSpecId);
        blockedWorkIds = blockedWorkIds == null ? List.of() : List.copyOf(blockedWorkIds);
    }

    /**
     * Returns a fresh, armed gate.
     *
     * @param rootSpecId the root spec id
     * @param now the time
     * @return the gate
     */
    public static ClosureGate fresh(String rootSpecId, Instant now) {
        return new ClosureGate(rootSpecId, false, false, null, null, null, null, null, List.of(), null, now);
    }

    /**
     * Tells whether the arbiter is parked.
     *
     * @return true when parked
     */
    public boolean parked() {
        return parkedReason != null;
    }

    /**
     * Returns the file of a root's gate.
     *
     * @param paths the workspace paths
     * @param rootSpecId the root spec id
     * @return the file
     */
    public static Path file(WorkspacePaths paths, String rootSpecId) {
        return paths.arbiterDir().resolve("gates").resolve(Identifiers.requireSafeId("root_spec_id", rootSpecId) + ".json");
    }

    /**
     * Loads a root's gate; a missing file is a fresh gate.
     *
     * @param paths the workspace paths
     * @param rootSpecId the root spec id
     * @param now the time for a fresh gate
     * @return the gate
     * @throws MillraceException MALFORMED_DOCUMENT when the file cannot be read
     */
    public static ClosureGate load(WorkspacePaths paths, String rootSpecId, Instant now) {
        Path file = file(paths, rootSpecId);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return fresh(rootSpecId, now);
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode n = MillraceJson.readTree(text, file.toString());
        List<String> blocked = new ArrayList<>();
        n.path("blocked_work_ids").forEach(v -> blocked.add(v.asText()));
        return new ClosureGate(rootSpecId, n.path("execution_since_arbiter").asBoolean(false),
                n.path("work_since_arbiter").asBoolean(false), text(n, "parked_reason"), text(n, "parked_run_id"),
                text(n, "parked_fingerprint"), instant(n, "parked_at"), text(n, "blocked_reason"), blocked,
                text(n, "recommended_action"), instant(n, "updated_at"));
    }

    /**
     * Returns the JSON text of this gate.
     *
     * @return the JSON
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", "1.0");
        m.put("kind", KIND);
        m.put("root_spec_id", rootSpecId);
        m.put("execution_since_arbiter", executionSinceArbiter);
        m.put("work_since_arbiter", workSinceArbiter);
        m.put("parked_reason", parkedReason);
        m.put("parked_run_id", parkedRunId);
        m.put("parked_fingerprint", parkedFingerprint);
        m.put("parked_at", parkedAt == null ? null : Timestamps.format(parkedAt));
        m.put("blocked_reason", blockedReason);
        m.put("blocked_work_ids", blockedWorkIds);
        m.put("recommended_action", recommendedAction);
        m.put("updated_at", updatedAt == null ? null : Timestamps.format(updatedAt));
        return MillraceJson.write(m);
    }

    /**
     * Returns the journal step that writes this gate.
     *
     * @param paths the workspace paths
     * @return the step
     */
    public WriteWorkspaceFile step(WorkspacePaths paths) {
        return WriteWorkspaceFile.of(paths, file(paths, rootSpecId), toJson());
    }

    /**
     * Returns this gate with the work flags changed.
     *
     * @param execution execution ran since the last arbiter result
     * @param work any work ran since the last arbiter result
     * @param now the time
     * @return the changed gate
     */
    public ClosureGate withWork(boolean execution, boolean work, Instant now) {
        return new ClosureGate(rootSpecId, execution, work, parkedReason, parkedRunId, parkedFingerprint, parkedAt,
                blockedReason, blockedWorkIds, recommendedAction, now);
    }

    /**
     * Returns this gate parked (or re-armed with a null reason).
     *
     * @param reason why parked, or null to re-arm
     * @param runId the arbiter run, or null
     * @param fingerprint the watched files' fingerprint, or null
     * @param now the time
     * @return the changed gate
     */
    public ClosureGate withParking(String reason, String runId, String fingerprint, Instant now) {
        return new ClosureGate(rootSpecId, executionSinceArbiter, workSinceArbiter, reason, runId, fingerprint,
                reason == null ? null : now, blockedReason, blockedWorkIds, recommendedAction, now);
    }

    /**
     * Returns this gate with the stall reason changed.
     *
     * @param reason the stall reason, or null when not stalled
     * @param ids the blocked lineage ids
     * @param action the operator action, or null
     * @param now the time
     * @return the changed gate
     */
    public ClosureGate withBlocked(String reason, List<String> ids, String action, Instant now) {
        return new ClosureGate(rootSpecId, executionSinceArbiter, workSinceArbiter, parkedReason, parkedRunId,
                parkedFingerprint, parkedAt, reason, ids, action, now);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Timestamps.parse(v);
    }
}
