package ai.millrace.api.work;

import ai.millrace.api.WorkItemKind;

/**
 * One of the four work documents the queues hold. Each is an immutable record stored as headed
 * markdown in a folder of its kind, under its id as file stem.
 */
public sealed interface WorkDocument permits TaskDocument, SpecDocument, IncidentDocument, LearningRequestDocument {
    /**
     * Returns the document id (a safe id, also its file stem).
     *
     * @return the id, never null
     */
    String id();

    /**
     * Returns the kind of document.
     *
     * @return the kind, never null
     */
    WorkItemKind workItemKind();

    /**
     * Returns the title (the markdown H1).
     *
     * @return the title, never null
     */
    String title();
}
