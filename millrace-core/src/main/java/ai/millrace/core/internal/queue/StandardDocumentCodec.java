package ai.millrace.core.internal.queue;

import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.document.WorkDocumentMarkdown;

/** The workspace's headed-markdown format, as {@link WorkDocumentMarkdown} reads and writes it. */
final class StandardDocumentCodec implements DocumentCodec {
    static final StandardDocumentCodec INSTANCE = new StandardDocumentCodec();

    private StandardDocumentCodec() {
    }

    @Override
    public <T extends WorkDocument> T parse(String text, Class<T> type, String sourceName) {
        return WorkDocumentMarkdown.parse(text, type, sourceName);
    }

    @Override
    public String render(WorkDocument document) {
        return WorkDocumentMarkdown.render(document);
    }
}
