package ai.millrace.api.internal.harness;

import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.run.StageRunRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the stage prompt exactly as the original does (spec 1.2): a fixed frame around the
 * labelled "Stage Request Context" lines, joined with {@code \n}, without a trailing newline. Shims
 * written against the original's prompt (which look for {@code Stage: checker} and the
 * {@code Legal markers for this stage:} line) keep working.
 */
public final class StagePrompt {
    private static final String NONE = "none";

    private StagePrompt() {
    }

    /**
     * Renders the prompt for a request.
     *
     * @param r the request
     * @return the prompt text, no trailing newline
     */
    public static String render(StageRunRequest r) {
        List<String> lines = new ArrayList<>();
        lines.add("You are executing one Millrace runtime stage request.");
        lines.add("Open `" + r.entrypointPath() + "` and follow instructions exactly.");
        lines.add("");
        lines.add("Stage Request Context:");
        lines.addAll(contextLines(r));
        lines.add("");
        lines.add("When done, print exactly one legal terminal marker defined by the opened entrypoint contract.");
        lines.add("Legal markers for this stage: "
                + r.legalTerminalMarkers().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")) + ".");
        lines.add("Do not invent or rename terminal markers.");
        lines.add("Do not print multiple terminal markers.");
        return String.join("\n", lines);
    }

    /**
     * Renders the labelled context block, one entry per line, in the original's order.
     *
     * @param r the request
     * @return the lines
     */
    public static List<String> contextLines(StageRunRequest r) {
        List<String> lines = new ArrayList<>();
        line(lines, "Request ID", r.requestId());
        line(lines, "Run ID", r.runId());
        line(lines, "Mode ID", r.modeId());
        line(lines, "Compiled Plan ID", r.compiledPlanId());
        line(lines, "Node ID", r.nodeId());
        line(lines, "Stage Kind ID", r.stageKindId());
        line(lines, "Stage", r.stage().value());
        line(lines, "Plane", r.plane().wireName());
        line(lines, "Request Kind", r.requestKind().wireName());
        line(lines, "Running Status Marker", r.runningStatusMarker());
        line(lines, "Entrypoint Path", r.entrypointPath());
        line(lines, "Entrypoint Contract ID", r.entrypointContractId());
        line(lines, "Active Work Item",
                orNone(r.activeWorkItemKind() == null ? null : r.activeWorkItemKind().wireName()) + " "
                        + orNone(r.activeWorkItemId()));
        line(lines, "Active Work Item Path", r.activeWorkItemPath());
        line(lines, "Closure Target Path", r.closureTargetPath());
        line(lines, "Closure Target Root Spec ID", r.closureTargetRootSpecId());
        line(lines, "Closure Target Root Idea ID", r.closureTargetRootIdeaId());
        line(lines, "Canonical Root Spec Path", r.canonicalRootSpecPath());
        line(lines, "Canonical Seed Idea Path", r.canonicalSeedIdeaPath());
        line(lines, "Preferred Rubric Path", r.preferredRubricPath());
        line(lines, "Preferred Verdict Path", r.preferredVerdictPath());
        line(lines, "Preferred Report Path", r.preferredReportPath());
        list(lines, "Legal Terminal Markers", r.legalTerminalMarkers());
        List<String> classes = new ArrayList<>();
        for (Map.Entry<TerminalResult, List<ResultClass>> e : r.allowedResultClassesByOutcome().entrySet()) {
            classes.add(e.getKey().token() + ": "
                    + e.getValue().stream().map(ResultClass::wireName).collect(Collectors.joining(", ")));
        }
        list(lines, "Allowed Result Classes By Outcome", classes);
        list(lines, "Required Skill Paths", r.requiredSkillPaths());
        list(lines, "Attached Skill Paths", r.attachedSkillPaths());
        line(lines, "Run Directory", r.runDir());
        line(lines, "Runtime Snapshot Path", r.runtimeSnapshotPath());
        line(lines, "Recovery Counters Path", r.recoveryCountersPath());
        line(lines, "Summary Status Path", r.summaryStatusPath());
        line(lines, "Preferred Troubleshoot Report Path", r.preferredTroubleshootReportPath());
        line(lines, "Runtime Error Code", r.runtimeErrorCode());
        line(lines, "Runtime Error Report Path", r.runtimeErrorReportPath());
        line(lines, "Runtime Error Catalog Path", r.runtimeErrorCatalogPath());
        line(lines, "Skill Revision Evidence Path", r.skillRevisionEvidencePath());
        line(lines, "Runner Name", r.runnerName());
        line(lines, "Model Name", r.modelName());
        line(lines, "Model Reasoning Effort", r.modelReasoningEffort());
        line(lines, "Timeout Seconds", Integer.toString(r.timeoutSeconds()));
        return lines;
    }

    private static void line(List<String> lines, String label, String value) {
        lines.add(label + ": " + orNone(value));
    }

    private static void list(List<String> lines, String label, List<String> items) {
        if (items.isEmpty()) {
            lines.add(label + ": " + NONE);
            return;
        }
        lines.add(label + ":");
        for (String item : items) {
            lines.add("- " + item);
        }
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
