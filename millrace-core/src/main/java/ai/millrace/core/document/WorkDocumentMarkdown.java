package ai.millrace.core.document;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.internal.document.DocumentLabels;
import ai.millrace.core.internal.document.HeadedMarkdownParser;
import ai.millrace.core.internal.document.HeadedMarkdownRenderer;
import ai.millrace.core.internal.document.ParsedMarkdown;
import ai.millrace.core.internal.document.TextLines;
import ai.millrace.core.internal.document.WorkDocumentBinder;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes work documents in the headed markdown form the queues store: a {@code # Title}
 * line, {@code Label: value} scalars and {@code Label:} lists of {@code - item} lines.
 *
 * <p>Reading follows the original's grammar exactly, so every document the original writes reads
 * here (spec 01 section 2.2): unknown labels and other text are skipped, {@code none}, {@code n/a}
 * and {@code -} are dropped from {@code Depends-On} and {@code Blocks}, a repeated label is an
 * error, and {@code Title}, when present, must equal the H1. Ids must be safe ids, so
 * {@code Task-ID: ../x} is rejected. A spec without {@code Summary} reads with an empty summary,
 * which fixes the original's failure to read back its own rendering of such a spec.
 *
 * <p><b>Body text is not kept.</b> Text that is not a field is ignored on reading and the
 * rendering holds fields only. The runtime moves queue files between folders by renaming them, so
 * an operator's notes in a file survive every queue transition; only documents created from JSON
 * or by the runtime are rendered.
 *
 * <p><b>Every rendering reads back equal.</b> Writing refuses, with an error naming the document
 * and the label, values the grammar cannot carry: text with a line break (which in the original
 * could inject fields), leading or trailing whitespace, empty list items and placeholder items in
 * {@code Depends-On}/{@code Blocks}. Code that builds documents from free text, such as agent
 * notes, passes it through {@link #flattenLine(String)} first.
 *
 * <p>Errors are {@link MillraceException}s with {@link ErrorCode#MALFORMED_DOCUMENT} of the form
 * {@code work document <name> <problem> (line <n>); <what to do>}. Stateless and thread-safe.
 */
public final class WorkDocumentMarkdown {
    private static final String MEMORY = "<memory>";

    private WorkDocumentMarkdown() {
    }

    /**
     * Reads a document as a given kind; the runtime reads queue folders this way.
     *
     * @param text the markdown, never null
     * @param type the document record class, such as {@code TaskDocument.class}
     * @param sourceName the file name for messages; null means {@code <memory>}
     * @param <T> the document type
     * @return the document, never null
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} naming the source, line and fix
     */
    public static <T extends WorkDocument> T parse(String text, Class<T> type, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        String name = sourceName == null ? MEMORY : sourceName;
        return WorkDocumentBinder.bind(HeadedMarkdownParser.parse(text, name), type, name);
    }

    /**
     * Reads a document whose kind is given by its one id label ({@code Task-ID}, {@code Spec-ID},
     * {@code Incident-ID} or {@code Learning-Request-ID}). A task that also names its
     * {@code Spec-ID} has two id labels and must be read with {@link #parse(String, Class, String)}.
     *
     * @param text the markdown, never null
     * @param sourceName the file name for messages; null means {@code <memory>}
     * @return the document, never null
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} when no or several id
     *     labels are present, or the document is invalid
     */
    public static WorkDocument parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        String name = sourceName == null ? MEMORY : sourceName;
        ParsedMarkdown parsed = HeadedMarkdownParser.parse(text, name);
        WorkItemKind kind = WorkDocumentBinder.inferKind(parsed, name);
        return WorkDocumentBinder.bind(parsed, DocumentLabels.typeOf(kind), name);
    }

    /**
     * Reads a document file as a given kind; messages name the file. The file is only read.
     *
     * @param file the markdown file
     * @param type the document record class
     * @param <T> the document type
     * @return the document
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} when the content is
     *     invalid or not UTF-8, or {@link ErrorCode#STORAGE_FAILED} when it cannot be read
     */
    public static <T extends WorkDocument> T read(Path file, Class<T> type) {
        return parse(readText(file), type, file.toString());
    }

    /**
     * Writes a document in canonical form: H1, a blank line, the scalars in table order (leaving
     * out nulls, an empty summary, empty trigger metadata, severity {@code medium} and
     * needs-planning {@code true}), then each non-empty list after a blank line, and one final
     * newline.
     *
     * @param document the document, never null
     * @return the markdown
     * @throws ai.millrace.api.ContractViolationException naming the document and label when a
     *     value cannot be written so that it reads back equal (see the class documentation)
     */
    public static String render(WorkDocument document) {
        return HeadedMarkdownRenderer.render(Objects.requireNonNull(document, "document"));
    }

    /**
     * Joins free text into one line that a document can carry: every run of whitespace, line
     * breaks included, becomes one space, and the ends are trimmed.
     *
     * @param text the text, never null
     * @return the single-line text
     */
    public static String flattenLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || TextLines.isLineBreak(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static String readText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": file does not exist", e);
        } catch (CharacterCodingException e) {
            throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT,
                    "work document " + file + " is not valid UTF-8; save it as UTF-8", e);
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
