package ai.millrace.core.internal.queue;

import ai.millrace.api.Identifiers;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the claim index keeps of one queued document: its id, its claim order key, the ids it
 * depends on and its effective root spec. Immutable.
 *
 * @param id the document id
 * @param orderedAt the time the claim order sorts by: {@code created_at}, or {@code opened_at}
 *     for incidents
 * @param dependsOn the ids that must be done before this one is eligible; empty for all but tasks
 * @param rootSpecId the effective root spec id (spec 02 section 4.2), or null
 */
public record QueueEntry(String id, Instant orderedAt, List<String> dependsOn, String rootSpecId) {
    /** Oldest first, then by id: the claim order of the original. */
    public static final Comparator<QueueEntry> CLAIM_ORDER =
            Comparator.comparing(QueueEntry::orderedAt).thenComparing(QueueEntry::id);

    /**
     * Validates and copies.
     *
     * @param id the document id
     * @param orderedAt the order key
     * @param dependsOn the dependencies
     * @param rootSpecId the effective root, or null
     */
    public QueueEntry {
        Identifiers.requireSafeId("id", id);
        Objects.requireNonNull(orderedAt, "orderedAt");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /**
     * Builds the entry of a document.
     *
     * @param document the document
     * @return its entry
     */
    public static QueueEntry of(WorkDocument document) {
        if (document instanceof TaskDocument t) {
            return new QueueEntry(t.taskId(), t.createdAt(), t.dependsOn(),
                    t.rootSpecId() != null ? t.rootSpecId() : t.specId());
        }
        if (document instanceof SpecDocument s) {
            String root = s.rootSpecId();
            if (root == null && (s.sourceType() == SpecSourceType.IDEA || s.sourceType() == SpecSourceType.MANUAL)) {
                root = s.specId();
            }
            return new QueueEntry(s.specId(), s.createdAt(), List.of(), root);
        }
        if (document instanceof IncidentDocument i) {
            return new QueueEntry(i.incidentId(), i.openedAt(), List.of(),
                    i.rootSpecId() != null ? i.rootSpecId() : i.sourceSpecId());
        }
        LearningRequestDocument l = (LearningRequestDocument) document;
        return new QueueEntry(l.learningRequestId(), l.createdAt(), List.of(), null);
    }
}
