package ai.millrace.core.internal.document;

import java.util.Locale;

/**
 * One label of the headed markdown form, such as {@code Task-ID} or {@code Target-Paths}.
 *
 * <p>A label is either a scalar or a list in every document kind that has it. Its JSON field name
 * is the label in lower case with dashes as underscores ({@code Related-Run-IDs} is
 * {@code related_run_ids}). Immutable.
 *
 * @param label the label as written, case-sensitive
 * @param list whether the label holds a list of {@code - item} lines
 */
public record DocumentLabel(String label, boolean list) {
    /**
     * Returns the contract field this label fills.
     *
     * @return the snake_case field name
     */
    public String field() {
        return label.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
