package ai.millrace.core.document;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads work documents from their JSON import form (spec 01 section 2.5): the record itself with
 * snake_case field names, unknown fields rejected, {@code schema_version} and {@code kind}
 * optional but checked when present. This is what {@code queue add-task x.json} and the mailbox's
 * {@code add_task}/{@code add_spec} payloads carry. Stateless and thread-safe.
 */
public final class WorkDocumentJson {
    private WorkDocumentJson() {
    }

    /**
     * Reads a document from JSON text.
     *
     * @param json the JSON text, never null
     * @param type the document record class, such as {@code TaskDocument.class}
     * @param source names the input in messages, such as a file path; null means {@code <memory>}
     * @param <T> the document type
     * @return the document, never null
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} naming the source, the
     *     JSON path and what was wrong (for example an unsafe id such as {@code ../x})
     */
    public static <T extends WorkDocument> T read(String json, Class<T> type, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        return MillraceJson.read(json, type, source == null ? "<memory>" : source);
    }

    /**
     * Reads a document from a JSON file; messages name the file. The file is only read.
     *
     * @param file the file
     * @param type the document record class
     * @param <T> the document type
     * @return the document
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} when invalid, or
     *     {@link ErrorCode#STORAGE_FAILED} when unreadable
     */
    public static <T extends WorkDocument> T read(Path file, Class<T> type) {
        return read(WorkDocumentMarkdown.readText(file), type, file.toString());
    }

    /**
     * Returns a document as the JSON object of the import format (field names as in the markdown
     * labels' snake_case, no {@code schema_version} or {@code kind}), for mailbox payloads.
     *
     * @param document the document
     * @return a new mutable map
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> toMap(WorkDocument document) {
        java.util.Map<String, Object> map = ai.millrace.compiler.internal.json.MillraceJson.mapper()
                .convertValue(document, java.util.Map.class);
        map.remove("schema_version");
        map.remove("kind");
        return map;
    }
}
