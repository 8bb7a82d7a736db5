package ai.millrace.core.internal.closure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One open document that drifted away from an open target's lineage (spec 02 section 4.5).
 *
 * @param item the drifted document
 * @param expectedRootSpecId the target's root spec id
 * @param actualRootSpecId the document's effective root, or null
 * @param rootIdeaId the document's root idea id, or null
 * @param specId the document's spec id (task spec, spec id, incident source spec), or null
 * @param diagnosticReason {@code same_root_idea_different_root_spec} or {@code known_root_spec_alias}
 */
public record DriftFinding(LineageItem item, String expectedRootSpecId, String actualRootSpecId, String rootIdeaId,
        String specId, String diagnosticReason) {

    /** The document shares the target's root idea but names another root spec. */
    public static final String SAME_ROOT_IDEA = "same_root_idea_different_root_spec";
    /** The document's root (or spec id) is a known alias of the target's root. */
    public static final String KNOWN_ALIAS = "known_root_spec_alias";

    /**
     * Returns the finding as the diagnostic file writes it.
     *
     * @return the JSON map, in the original's key order
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("work_item_kind", item.kind().wireName());
        m.put("work_item_id", item.id());
        m.put("state", item.stateName());
        m.put("path", item.path());
        m.put("expected_root_spec_id", expectedRootSpecId);
        m.put("actual_root_spec_id", actualRootSpecId);
        m.put("root_idea_id", rootIdeaId);
        m.put("spec_id", specId);
        m.put("diagnostic_reason", diagnosticReason);
        return m;
    }
}
