package ai.millrace.core.internal.document;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a work document in the canonical headed markdown form (spec 01 section 2.3), refusing
 * values that would not read back as written. Stateless.
 */
public final class HeadedMarkdownRenderer {
    private static final Set<String> PLACEHOLDERS = Set.of("none", "n/a", "-");

    private HeadedMarkdownRenderer() {
    }

    /**
     * Renders a document.
     *
     * @param document the document
     * @return the markdown, ending in exactly one newline
     * @throws ContractViolationException naming the document and field when a value spans lines,
     *     has surrounding whitespace, or is an empty or placeholder list item
     */
    public static String render(WorkDocument document) {
        WorkItemKind kind = document.workItemKind();
        JsonNode tree = MillraceJson.mapper().valueToTree(document);
        String what = kind.wireName() + " " + document.id();
        StringBuilder out = new StringBuilder();
        out.append("# ").append(checked(what, "Title", document.title())).append("\n\n");
        for (DocumentLabel label : DocumentLabels.of(kind)) {
            if (label.list()) {
                continue;
            }
            String value = scalarText(label, tree.get(label.field()));
            if (value != null) {
                out.append(label.label()).append(": ").append(checked(what, label.label(), value)).append('\n');
            }
        }
        for (DocumentLabel label : DocumentLabels.of(kind)) {
            JsonNode items = tree.get(label.field());
            if (!label.list() || items == null || items.isEmpty()) {
                continue;
            }
            out.append('\n').append(label.label()).append(":\n");
            for (JsonNode item : items) {
                String text = item.asText();
                if (text.isEmpty()) {
                    throw refuse(what, label.label(), "has an empty list item; remove it");
                }
                if (("Depends-On".equals(label.label()) || "Blocks".equals(label.label()))
                        && PLACEHOLDERS.contains(text.strip().toLowerCase(Locale.ROOT))) {
                    throw refuse(what, label.label(), "has the placeholder item '" + text
                            + "', which reading drops; leave the list empty instead");
                }
                out.append("- ").append(checked(what, label.label(), text)).append('\n');
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String scalarText(DocumentLabel label, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        switch (label.label()) {
            case "Summary":
                return value.asText().isEmpty() ? null : value.asText();
            case "Trigger-Metadata":
                return value.isEmpty() ? null : new String(MillraceJson.canonicalBytes(value), StandardCharsets.UTF_8);
            case "Severity":
                return "medium".equals(value.asText()) ? null : value.asText();
            case "Needs-Planning":
                return value.asBoolean() ? null : "false";
            default:
                return value.asText();
        }
    }

    private static String checked(String what, String label, String value) {
        if (TextLines.hasLineBreak(value)) {
            throw refuse(what, label, "contains a line break, and work document values must fit on one line; "
                    + "join the lines first (WorkDocumentMarkdown.flattenLine does that)");
        }
        if (!value.equals(value.strip())) {
            throw refuse(what, label, "has leading or trailing whitespace, which reading would drop; trim it");
        }
        return value;
    }

    private static ContractViolationException refuse(String what, String label, String problem) {
        return new ContractViolationException("cannot write " + what + " as markdown: `" + label + "` " + problem);
    }
}
