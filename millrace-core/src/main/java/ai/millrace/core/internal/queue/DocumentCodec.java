package ai.millrace.core.internal.queue;

import ai.millrace.api.MillraceException;
import ai.millrace.api.work.WorkDocument;

/**
 * Turns work documents into their on-disk markdown and back. The queue store depends on this
 * seam only, so the markdown grammar lives in one place.
 */
public interface DocumentCodec {
    /**
     * Parses markdown as a document of one kind.
     *
     * @param text the markdown
     * @param type the document type
     * @param sourceName names the input in errors (the file name)
     * @param <T> the type
     * @return the document
     * @throws MillraceException with {@code MALFORMED_DOCUMENT} when the text is not a valid document
     */
    <T extends WorkDocument> T parse(String text, Class<T> type, String sourceName);

    /**
     * Renders a document as canonical markdown.
     *
     * @param document the document
     * @return the markdown, ending in one newline
     */
    String render(WorkDocument document);

    /**
     * Returns the codec of the workspace's markdown format.
     *
     * @return the standard codec
     */
    static DocumentCodec standard() {
        return StandardDocumentCodec.INSTANCE;
    }
}
