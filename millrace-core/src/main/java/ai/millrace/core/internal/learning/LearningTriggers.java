package ai.millrace.core.internal.learning;

import ai.millrace.api.asset.LearningTriggerRule;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.journal.EnqueueDocument;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.queue.QueueStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a persisted stage result into the learning requests its compiler-frozen trigger rules ask
 * for (spec 01 section 4.10). Every rule whose source plane and stage match and whose terminal
 * results contain the result's (compared case-sensitively) yields one request, in declared order.
 * Plans without a learning graph yield none.
 */
public final class LearningTriggers {
    /** The {@code created_by} of runtime-generated requests. */
    public static final String CREATED_BY = "millrace runtime";

    private LearningTriggers() {
    }

    /**
     * Builds the learning requests a stage result triggers. Includes normalization-failure
     * envelopes: they are results like any other.
     *
     * @param plan the compiled plan
     * @param result the stage result
     * @param requestId the stage request id; null falls back to {@code metadata.request_id}, then
     *     {@code unknown}
     * @param stageResultPath the absolute path of the persisted result envelope
     * @param ids the id generator ({@code learn-<12 hex>})
     * @param clock the clock ({@code created_at})
     * @return the requests, possibly empty
     */
    public static List<LearningRequestDocument> requestsFor(CompiledRunPlan plan, StageResultEnvelope result,
            String requestId, Path stageResultPath, IdGenerator ids, Clock clock) {
        if (plan.learningGraph() == null || plan.learningTriggerRules().isEmpty()) {
            return List.of();
        }
        List<LearningRequestDocument> out = new ArrayList<>();
        Instant now = clock.instant();
        for (LearningTriggerRule rule : plan.learningTriggerRules()) {
            if (rule.sourcePlane() == result.plane() && rule.sourceStage().equals(result.stage())
                    && rule.onTerminalResults().contains(result.terminalResult())) {
                out.add(request(rule, result, requestId, stageResultPath, ids.hex(12), now));
            }
        }
        return out;
    }

    /**
     * Returns the journal steps that enqueue requests.
     *
     * @param queues the queues (they render the markdown)
     * @param requests the requests
     * @return one {@link EnqueueDocument} per request
     */
    public static List<TransitionStep> steps(QueueStore queues, List<LearningRequestDocument> requests) {
        List<TransitionStep> out = new ArrayList<>();
        requests.forEach(r -> out.add(EnqueueDocument.of(queues, r)));
        return out;
    }

    /**
     * Returns the {@code learning_request_enqueued} events of requests, to emit after commit.
     *
     * @param requests the requests
     * @param now the time
     * @return one event per request
     */
    public static List<RuntimeEvent> events(List<LearningRequestDocument> requests, Instant now) {
        List<RuntimeEvent> out = new ArrayList<>();
        for (LearningRequestDocument r : requests) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("learning_request_id", r.learningRequestId());
            data.put("rule_id", r.triggerMetadata().get("rule_id"));
            data.put("target_stage", r.targetStage() == null ? null : r.targetStage().value());
            data.put("run_id", r.triggerMetadata().get("run_id"));
            out.add(new RuntimeEvent("learning_request_enqueued", now, data));
        }
        return out;
    }

    private static LearningRequestDocument request(LearningTriggerRule rule, StageResultEnvelope result,
            String requestId, Path stageResultPath, String hex, Instant now) {
        String terminal = result.terminalResult().token();
        String request = requestId != null ? requestId
                : result.metadata().get("request_id") instanceof String s && !s.isBlank() ? s : "unknown";
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("rule_id", rule.ruleId());
        meta.put("source_plane", rule.sourcePlane().wireName());
        meta.put("source_stage", rule.sourceStage().value());
        meta.put("source_node_id", result.nodeId());
        meta.put("source_stage_kind_id", result.stageKindId());
        meta.put("terminal_result", terminal);
        meta.put("run_id", result.runId());
        meta.put("work_item_kind", result.workItemKind().wireName());
        meta.put("work_item_id", result.workItemId());
        return LearningRequestDocument.builder()
                .learningRequestId("learn-" + hex)
                .title("Learn from " + result.nodeId() + " " + terminal)
                .summary("Runtime-generated learning request from a compiler-frozen trigger rule: " + rule.ruleId())
                .requestedAction(rule.requestedAction())
                .targetStage(rule.targetStage())
                .triggerMetadata(meta)
                .createdAt(now)
                .createdBy(CREATED_BY)
                .sourceRefs(List.of("run:" + result.runId(), "request:" + request, "node:" + result.nodeId(),
                        "stage_kind:" + result.stageKindId(), "stage:" + result.stage().value(), "terminal:" + terminal))
                .originatingRunIds(List.of(result.runId()))
                .artifactPaths(List.of(stageResultPath.toAbsolutePath().normalize().toString()))
                .build();
    }
}
