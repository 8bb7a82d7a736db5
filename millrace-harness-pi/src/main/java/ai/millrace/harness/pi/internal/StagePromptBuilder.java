package ai.millrace.harness.pi.internal;

import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WireEnum;
import ai.millrace.api.run.StageRunRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the stage prompt the harness sends as the {@code message} of Pi's {@code prompt}
 * command: a fixed frame around the "Stage Request Context" block that lists every request field,
 * lines joined with {@code \n} and no trailing newline.
 *
 * <p>Stateless and thread-safe.
 */
public final class StagePromptBuilder {
    private static final String NONE = "none";

    private StagePromptBuilder() {
    }

    /**
     * Renders the prompt for a request.
     *
     * @param request the stage request, never null
     * @return the prompt text, never null
     */
    public static String build(StageRunRequest request) {
        List<String> lines = new ArrayList<>();
        lines.add("You are executing one Millrace runtime stage request.");
        lines.add("Open `" + request.entrypointPath() + "` and follow instructions exactly.");
        lines.add("");
        lines.add("Stage Request Context:");
        context(request, lines);
        lines.add("");
        lines.add("When done, print exactly one legal terminal marker defined by the opened entrypoint contract.");
        lines.add("Legal markers for this stage: " + request.legalTerminalMarkers().stream()
                .map(m -> "`" + m + "`").collect(Collectors.joining(", ")) + ".");
        lines.add("Do not invent or rename terminal markers.");
        lines.add("Do not print multiple terminal markers.");
        return String.join("\n", lines);
    }

    private static void context(StageRunRequest r, List<String> lines) {
        field(lines, "Request ID", r.requestId());
        field(lines, "Run ID", r.runId());
        field(lines, "Mode ID", r.modeId());
        field(lines, "Compiled Plan ID", r.compiledPlanId());
        field(lines, "Node ID", r.nodeId());
        field(lines, "Stage Kind ID", r.stageKindId());
        field(lines, "Stage", r.stage().value());
        field(lines, "Plane", wire(r.plane()));
        field(lines, "Request Kind", wire(r.requestKind()));
        field(lines, "Running Status Marker", r.runningStatusMarker());
        field(lines, "Entrypoint Path", r.entrypointPath());
        field(lines, "Entrypoint Contract ID", r.entrypointContractId());
        field(lines, "Active Work Item", orNone(wire(r.activeWorkItemKind())) + " " + orNone(r.activeWorkItemId()));
        field(lines, "Active Work Item Path", r.activeWorkItemPath());
        field(lines, "Closure Target Path", r.closureTargetPath());
        field(lines, "Closure Target Root Spec ID", r.closureTargetRootSpecId());
        field(lines, "Closure Target Root Idea ID", r.closureTargetRootIdeaId());
        field(lines, "Canonical Root Spec Path", r.canonicalRootSpecPath());
        field(lines, "Canonical Seed Idea Path", r.canonicalSeedIdeaPath());
        field(lines, "Preferred Rubric Path", r.preferredRubricPath());
        field(lines, "Preferred Verdict Path", r.preferredVerdictPath());
        field(lines, "Preferred Report Path", r.preferredReportPath());
        list(lines, "Legal Terminal Markers", r.legalTerminalMarkers());
        list(lines, "Allowed Result Classes By Outcome", outcomes(r.allowedResultClassesByOutcome()));
        list(lines, "Required Skill Paths", r.requiredSkillPaths());
        list(lines, "Attached Skill Paths", r.attachedSkillPaths());
        field(lines, "Run Directory", r.runDir());
        field(lines, "Runtime Snapshot Path", r.runtimeSnapshotPath());
        field(lines, "Recovery Counters Path", r.recoveryCountersPath());
        field(lines, "Summary Status Path", r.summaryStatusPath());
        field(lines, "Preferred Troubleshoot Report Path", r.preferredTroubleshootReportPath());
        field(lines, "Runtime Error Code", r.runtimeErrorCode());
        field(lines, "Runtime Error Report Path", r.runtimeErrorReportPath());
        field(lines, "Runtime Error Catalog Path", r.runtimeErrorCatalogPath());
        field(lines, "Skill Revision Evidence Path", r.skillRevisionEvidencePath());
        field(lines, "Runner Name", r.runnerName());
        field(lines, "Model Name", r.modelName());
        field(lines, "Model Reasoning Effort", r.modelReasoningEffort());
        field(lines, "Timeout Seconds", Integer.toString(r.timeoutSeconds()));
    }

    private static List<String> outcomes(Map<TerminalResult, List<ResultClass>> classes) {
        List<String> items = new ArrayList<>();
        classes.forEach((outcome, allowed) -> items.add(outcome.token() + ": "
                + allowed.stream().map(ResultClass::wireName).collect(Collectors.joining(", "))));
        return items;
    }

    private static void field(List<String> lines, String label, String value) {
        lines.add(label + ": " + orNone(value));
    }

    private static void list(List<String> lines, String label, List<String> items) {
        if (items.isEmpty()) {
            lines.add(label + ": " + NONE);
            return;
        }
        lines.add(label + ":");
        items.forEach(item -> lines.add("- " + item));
    }

    private static String wire(WireEnum value) {
        return value == null ? null : value.wireName();
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
