package ai.millrace.core.internal.closure;

import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds open documents that belong to an open target's lineage in spirit but not by their root
 * spec id (spec 02 section 4.5), and writes the diagnostic the operator repairs from.
 */
public final class LineageDrift {
    private LineageDrift() {
    }

    /**
     * Finds the drifted documents of a target among scanned items.
     *
     * @param items a scan of the open documents
     * @param target the open target
     * @return the findings sorted by (path, id)
     */
    public static List<DriftFinding> detect(List<LineageItem> items, ClosureTargetState target) {
        String root = target.rootSpecId();
        List<DriftFinding> out = new ArrayList<>();
        for (LineageItem item : items) {
            String actual = item.effectiveRoot();
            if (root.equals(actual)) {
                continue;
            }
            String idea = Lineage.rootIdeaId(item.document());
            String specId = specIdOf(item.document());
            String reason = null;
            if (idea != null && idea.equals(target.rootIdeaId())) {
                reason = DriftFinding.SAME_ROOT_IDEA;
            } else if (aliases(actual, root) || aliases(specId, root)) {
                reason = DriftFinding.KNOWN_ALIAS;
            }
            if (reason != null) {
                out.add(new DriftFinding(item, root, actual, idea, specId, reason));
            }
        }
        out.sort(Comparator.comparing((DriftFinding f) -> f.item().path()).thenComparing(f -> f.item().id()));
        return out;
    }

    /**
     * Returns the diagnostic file of a root.
     *
     * @param paths the workspace paths
     * @param rootSpecId the root spec id
     * @return {@code R/arbiter/diagnostics/lineage-drift/<root>.json}
     */
    public static Path diagnosticFile(WorkspacePaths paths, String rootSpecId) {
        return paths.arbiterDir().resolve("diagnostics").resolve("lineage-drift").resolve(rootSpecId + ".json");
    }

    /**
     * Returns the repair command the diagnostic recommends.
     *
     * @param paths the workspace paths
     * @param rootSpecId the root spec id
     * @return the command line
     */
    public static String repairCommand(WorkspacePaths paths, String rootSpecId) {
        return "millrace queue repair-lineage --workspace " + paths.workspaceRoot() + " --root-spec-id " + rootSpecId
                + " --apply";
    }

    /**
     * Renders the diagnostic JSON.
     *
     * @param paths the workspace paths
     * @param target the target
     * @param findings the findings
     * @param now the detection time
     * @return the JSON text
     */
    public static String diagnostic(WorkspacePaths paths, ClosureTargetState target, List<DriftFinding> findings,
            Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", "1.0");
        m.put("kind", "closure_lineage_drift_diagnostic");
        m.put("root_spec_id", target.rootSpecId());
        m.put("root_idea_id", target.rootIdeaId());
        m.put("detected_at", Timestamps.format(now));
        List<Map<String, Object>> list = new ArrayList<>();
        findings.forEach(f -> list.add(f.toJson()));
        m.put("findings", list);
        m.put("recommended_command", repairCommand(paths, target.rootSpecId()));
        return MillraceJson.write(m);
    }

    static String specIdOf(WorkDocument doc) {
        if (doc instanceof TaskDocument t) {
            return t.specId();
        }
        if (doc instanceof SpecDocument s) {
            return s.specId();
        }
        if (doc instanceof IncidentDocument i) {
            return i.sourceSpecId();
        }
        return null;
    }

    // Either id is the other's known alias (idea-idea-x and idea-x).
    static boolean aliases(String id, String root) {
        if (id == null || id.equals(root)) {
            return false;
        }
        return Objects.equals(Lineage.aliasOf(id), root) || Objects.equals(Lineage.aliasOf(root), id);
    }
}
