package ai.millrace.compiler.internal.legacy;

import ai.millrace.api.MillraceException;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphLoopEdgeKind;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and checks legacy loops (spec 01 section 3.5) for inspection and doctor parity. Stateless.
 */
public final class LegacyLoops {
    private static final Map<String, String> LITERALS = Map.of(
            "trigger", "backlog_drained", "readiness_rule", "no_open_lineage_work", "request_kind", "closure_target",
            "target_selector", "active_closure_target", "rubric_policy", "reuse_or_create",
            "blocked_work_policy", "suppress");

    private LegacyLoops() {
    }

    /**
     * Parses a legacy loop and lists its problems.
     *
     * @param source the file name, for messages
     * @param bytes the file content
     * @param expectedId the id the file must declare, or null
     * @return the problems, each naming the file; empty when the loop is valid
     */
    public static List<String> check(String source, byte[] bytes, String expectedId) {
        LegacyLoopDefinition loop;
        try {
            loop = MillraceJson.read(new String(bytes, StandardCharsets.UTF_8), LegacyLoopDefinition.class, source);
        } catch (MillraceException e) {
            return List.of("Invalid loop definition in asset: " + e.detail());
        }
        List<String> problems = new ArrayList<>();
        if (expectedId != null && !expectedId.equals(loop.loopId())) {
            problems.add("Loop asset id mismatch: expected " + expectedId + ", found " + loop.loopId() + " (" + source + ")");
        }
        problems.addAll(validate(loop).stream().map(p -> source + ": " + p).toList());
        return problems;
    }

    static List<String> validate(LegacyLoopDefinition loop) {
        List<String> problems = new ArrayList<>();
        StageMetadataRegistry registry = StageMetadataRegistry.builtIn();
        Set<StageId> stages = new HashSet<>();
        for (StageId s : loop.stages()) {
            if (!stages.add(s)) {
                problems.add("stage " + s + " is listed twice");
            }
            if (registry.find(s).map(m -> m.plane() != loop.plane()).orElse(true)) {
                problems.add("stage " + s + " is not a stage of plane " + loop.plane());
            }
        }
        if (!stages.contains(loop.entryStage())) {
            problems.add("entry_stage " + loop.entryStage() + " is not one of the stages");
        }
        boolean terminalEdge = false;
        for (LegacyLoopEdge e : loop.edges()) {
            String edge = "edge " + e.sourceStage() + " on " + e.onTerminalResult();
            if (!stages.contains(e.sourceStage())) {
                problems.add(edge + ": source_stage is not one of the stages");
            } else if (!registry.require(e.sourceStage()).isLegal(e.onTerminalResult())) {
                problems.add(edge + ": " + e.onTerminalResult() + " is not legal for " + e.sourceStage());
            }
            if ((e.targetStage() == null) == (e.terminalResult() == null)) {
                problems.add(edge + ": needs exactly one of target_stage and terminal_result");
            } else if (e.targetStage() != null && !stages.contains(e.targetStage())) {
                problems.add(edge + ": target_stage " + e.targetStage() + " is not one of the stages");
            } else if (e.terminalResult() != null && !loop.terminalResults().contains(e.terminalResult())) {
                problems.add(edge + ": terminal_result " + e.terminalResult() + " is not in terminal_results");
            }
            boolean terminal = e.edgeKind() == GraphLoopEdgeKind.TERMINAL;
            terminalEdge |= terminal;
            if (terminal != (e.terminalResult() != null)) {
                problems.add(edge + ": terminal edges need terminal_result and other edges target_stage");
            }
            if (e.maxAttempts() != null && e.maxAttempts() < 1) {
                problems.add(edge + ": max_attempts must be at least 1");
            }
        }
        if (!terminalEdge) {
            problems.add("at least one terminal edge is required");
        }
        LegacyCompletionBehavior c = loop.completionBehavior();
        if (c != null) {
            Map<String, String> actual = Map.of("trigger", String.valueOf(c.trigger()),
                    "readiness_rule", String.valueOf(c.readinessRule()), "request_kind", String.valueOf(c.requestKind()),
                    "target_selector", String.valueOf(c.targetSelector()), "rubric_policy", String.valueOf(c.rubricPolicy()),
                    "blocked_work_policy", String.valueOf(c.blockedWorkPolicy()));
            LITERALS.forEach((field, expected) -> {
                if (!expected.equals(actual.get(field))) {
                    problems.add("completion_behavior." + field + " must be '" + expected + "'");
                }
            });
            StageMetadata stage = registry.find(c.stage()).orElse(null);
            for (TerminalResult r : List.of(c.onPassTerminalResult(), c.onGapTerminalResult())) {
                if (stage == null || !stage.isLegal(r) || !loop.terminalResults().contains(r)) {
                    problems.add("completion_behavior result " + r + " must be legal for " + c.stage()
                            + " and listed in terminal_results");
                }
            }
            if (c.onPassTerminalResult().equals(c.onGapTerminalResult())) {
                problems.add("completion_behavior pass and gap results must differ");
            }
        }
        return problems;
    }
}
