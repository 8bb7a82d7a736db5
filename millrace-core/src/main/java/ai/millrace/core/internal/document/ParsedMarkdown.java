package ai.millrace.core.internal.document;

import java.util.Map;

/**
 * What {@link HeadedMarkdownParser} read: the H1 title and the known fields by label, in order.
 *
 * @param h1Title the text of the H1 line
 * @param fields the fields by label, in document order
 */
public record ParsedMarkdown(String h1Title, Map<String, ParsedField> fields) {
}
