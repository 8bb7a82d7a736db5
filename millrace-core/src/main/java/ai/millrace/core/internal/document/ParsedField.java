package ai.millrace.core.internal.document;

import java.util.List;

/**
 * One field read from a headed markdown document.
 *
 * @param label the label
 * @param scalar the inline value of a scalar label; null for a list label
 * @param items the items of a list label; null for a scalar label
 * @param line the 1-based line of the label
 */
public record ParsedField(DocumentLabel label, String scalar, List<String> items, int line) {
}
