package ai.millrace.core.internal.closure;

import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;

/**
 * The lineage rules of spec 02 section 4.2: which root spec a document belongs to, and which
 * specs are roots. The effective root agrees with the claim filter of the queue index.
 */
public final class Lineage {
    private static final String DOUBLE_IDEA = "idea-idea-";

    private Lineage() {
    }

    /**
     * Returns the effective root spec id of a work document: its {@code root_spec_id} if set;
     * else a task's {@code spec_id}, an incident's {@code source_spec_id}, an idea or manual
     * spec's own id; other specs and learning requests have none.
     *
     * @param document the document
     * @return the root spec id, or null when it has none
     */
    public static String effectiveRootSpecId(WorkDocument document) {
        if (document instanceof TaskDocument t) {
            return t.rootSpecId() != null ? t.rootSpecId() : t.specId();
        }
        if (document instanceof SpecDocument s) {
            if (s.rootSpecId() != null) {
                return s.rootSpecId();
            }
            return selfRooted(s) ? s.specId() : null;
        }
        if (document instanceof IncidentDocument i) {
            return i.rootSpecId() != null ? i.rootSpecId() : i.sourceSpecId();
        }
        return null;
    }

    /**
     * Returns the root idea id a document carries, if any.
     *
     * @param document the document
     * @return the root idea id, or null
     */
    public static String rootIdeaId(WorkDocument document) {
        if (document instanceof TaskDocument t) {
            return t.rootIdeaId();
        }
        if (document instanceof SpecDocument s) {
            return s.rootIdeaId();
        }
        if (document instanceof IncidentDocument i) {
            return i.rootIdeaId();
        }
        return null;
    }

    /**
     * Tells whether a spec is a root spec: its {@code root_spec_id} equals its id, or it has no
     * root spec id, no parent (other than the literal {@code none}) and an idea or manual source.
     *
     * @param spec the spec
     * @return true for a root spec
     */
    public static boolean isRootSpec(SpecDocument spec) {
        if (spec.rootSpecId() != null) {
            return spec.rootSpecId().equals(spec.specId());
        }
        boolean noParent = spec.parentSpecId() == null || spec.parentSpecId().equals("none");
        return noParent && selfRooted(spec);
    }

    /**
     * Returns the root idea id to use for a root spec's closure target: its own
     * {@code root_idea_id}, else its {@code source_id} for idea specs, else its spec id.
     *
     * @param spec a root spec
     * @return the root idea id, never null
     */
    public static String seedIdeaIdOf(SpecDocument spec) {
        if (spec.rootIdeaId() != null) {
            return spec.rootIdeaId();
        }
        if (spec.sourceType() == SpecSourceType.IDEA && spec.sourceId() != null) {
            return spec.sourceId();
        }
        return spec.specId();
    }

    /**
     * Returns the known alias of a root id: ids starting with {@code idea-idea-} alias the id
     * without the first {@code idea-} (an idea file named {@code idea-...} normalized twice).
     *
     * @param rootId a root id, may be null
     * @return the alias, or null when it has none
     */
    public static String aliasOf(String rootId) {
        return rootId != null && rootId.startsWith(DOUBLE_IDEA) ? rootId.substring("idea-".length()) : null;
    }

    private static boolean selfRooted(SpecDocument s) {
        return s.sourceType() == SpecSourceType.IDEA || s.sourceType() == SpecSourceType.MANUAL;
    }
}
