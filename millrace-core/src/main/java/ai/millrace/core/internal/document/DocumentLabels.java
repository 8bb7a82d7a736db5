package ai.millrace.core.internal.document;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label tables of the four work document kinds, in rendering order (scalars, then lists).
 *
 * <p>The parser recognizes the union of all four tables, as the original does: a label known to
 * any kind is read as a field, and a label the target kind does not have is then an error rather
 * than body text. Immutable.
 */
public final class DocumentLabels {
    private static final Map<WorkItemKind, List<DocumentLabel>> BY_KIND = new EnumMap<>(WorkItemKind.class);
    private static final Map<String, DocumentLabel> ALL = new LinkedHashMap<>();
    private static final Map<WorkItemKind, String> ID_LABEL = new EnumMap<>(WorkItemKind.class);
    private static final Map<Class<? extends WorkDocument>, WorkItemKind> KIND_OF_TYPE = new LinkedHashMap<>();

    static {
        define(WorkItemKind.TASK, "Task-ID",
                List.of("Task-ID", "Title", "Summary", "Root-Idea-ID", "Root-Spec-ID", "Spec-ID", "Parent-Task-ID",
                        "Incident-ID", "Status-Hint", "Created-At", "Created-By", "Updated-At"),
                List.of("Depends-On", "Blocks", "Tags", "Target-Paths", "Acceptance", "Required-Checks", "References",
                        "Risk"));
        define(WorkItemKind.SPEC, "Spec-ID",
                List.of("Spec-ID", "Title", "Summary", "Source-Type", "Source-ID", "Parent-Spec-ID", "Root-Idea-ID",
                        "Root-Spec-ID", "Created-At", "Created-By", "Updated-At"),
                List.of("Goals", "Non-Goals", "Scope", "Constraints", "Assumptions", "Risks", "Target-Paths",
                        "Entrypoints", "Required-Skills", "Decomposition-Hints", "Acceptance", "References"));
        define(WorkItemKind.INCIDENT, "Incident-ID",
                List.of("Incident-ID", "Title", "Summary", "Root-Idea-ID", "Root-Spec-ID", "Source-Task-ID",
                        "Source-Spec-ID", "Source-Stage", "Source-Plane", "Failure-Class", "Status-Hint", "Severity",
                        "Needs-Planning", "Trigger-Reason", "Consultant-Decision", "Opened-At", "Opened-By",
                        "Updated-At"),
                List.of("Observed-Symptoms", "Failed-Attempts", "Evidence-Paths", "Related-Run-IDs",
                        "Related-Stage-Results", "References"));
        define(WorkItemKind.LEARNING_REQUEST, "Learning-Request-ID",
                List.of("Learning-Request-ID", "Title", "Summary", "Requested-Action", "Target-Skill-ID",
                        "Target-Stage", "Trigger-Metadata", "Created-At", "Created-By", "Updated-At"),
                List.of("Source-Refs", "Preferred-Output-Paths", "Originating-Run-IDs", "Artifact-Paths",
                        "References"));
        KIND_OF_TYPE.put(TaskDocument.class, WorkItemKind.TASK);
        KIND_OF_TYPE.put(SpecDocument.class, WorkItemKind.SPEC);
        KIND_OF_TYPE.put(IncidentDocument.class, WorkItemKind.INCIDENT);
        KIND_OF_TYPE.put(LearningRequestDocument.class, WorkItemKind.LEARNING_REQUEST);
    }

    private DocumentLabels() {
    }

    private static void define(WorkItemKind kind, String idLabel, List<String> scalars, List<String> lists) {
        List<DocumentLabel> labels = new ArrayList<>();
        scalars.forEach(l -> labels.add(new DocumentLabel(l, false)));
        lists.forEach(l -> labels.add(new DocumentLabel(l, true)));
        for (DocumentLabel label : labels) {
            DocumentLabel previous = ALL.putIfAbsent(label.label(), label);
            if (previous != null && previous.list() != label.list()) {
                throw new AssertionError("label " + label.label() + " is a scalar in one kind and a list in another");
            }
        }
        BY_KIND.put(kind, Collections.unmodifiableList(labels));
        ID_LABEL.put(kind, idLabel);
    }

    /**
     * Looks up a label in the union of all kinds.
     *
     * @param label the label as written
     * @return the label, or null when no kind has it
     */
    public static DocumentLabel find(String label) {
        return ALL.get(label);
    }

    /**
     * Returns the labels of a kind in rendering order.
     *
     * @param kind the kind
     * @return the labels
     */
    public static List<DocumentLabel> of(WorkItemKind kind) {
        return BY_KIND.get(kind);
    }

    /**
     * Tells whether a kind has a label.
     *
     * @param kind the kind
     * @param label the label
     * @return true when the kind's table lists it
     */
    public static boolean allows(WorkItemKind kind, String label) {
        for (DocumentLabel l : BY_KIND.get(kind)) {
            if (l.label().equals(label)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the id label of a kind.
     *
     * @param kind the kind
     * @return such as {@code Task-ID}
     */
    public static String idLabel(WorkItemKind kind) {
        return ID_LABEL.get(kind);
    }

    /**
     * Finds the label whose field name is given, within one kind.
     *
     * @param kind the kind
     * @param field a snake_case field name
     * @return the label, or null
     */
    public static DocumentLabel forField(WorkItemKind kind, String field) {
        for (DocumentLabel l : BY_KIND.get(kind)) {
            if (l.field().equals(field)) {
                return l;
            }
        }
        return null;
    }

    /**
     * Returns the kind of a document class.
     *
     * @param type one of the four document records
     * @return its kind
     * @throws IllegalArgumentException for {@code WorkDocument.class} itself
     */
    public static WorkItemKind kindOf(Class<? extends WorkDocument> type) {
        WorkItemKind kind = KIND_OF_TYPE.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("not a concrete work document type: " + type.getName());
        }
        return kind;
    }

    /**
     * Returns the document class of a kind.
     *
     * @param kind the kind
     * @return the record class
     */
    public static Class<? extends WorkDocument> typeOf(WorkItemKind kind) {
        for (Map.Entry<Class<? extends WorkDocument>, WorkItemKind> e : KIND_OF_TYPE.entrySet()) {
            if (e.getValue() == kind) {
                return e.getKey();
            }
        }
        throw new AssertionError(kind);
    }
}
