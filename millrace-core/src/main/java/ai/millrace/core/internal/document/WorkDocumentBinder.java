package ai.millrace.core.internal.document;

import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns parsed fields into a typed work document through the contract JSON codec, and explains
 * every failure with the document name, the label, its line and the fix. Stateless.
 */
public final class WorkDocumentBinder {
    private WorkDocumentBinder() {
    }

    /**
     * Infers the kind from the one id label present.
     *
     * @param parsed the parsed fields
     * @param name the document name for messages
     * @return the kind
     * @throws MillraceException when no id label or several are present
     */
    public static WorkItemKind inferKind(ParsedMarkdown parsed, String name) {
        List<WorkItemKind> present = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (WorkItemKind kind : WorkItemKind.values()) {
            ParsedField field = parsed.fields().get(DocumentLabels.idLabel(kind));
            if (field != null) {
                present.add(kind);
                labels.add("`" + field.label().label() + "` (line " + field.line() + ")");
            }
        }
        if (present.isEmpty()) {
            throw HeadedMarkdownParser.error(name, "must include one canonical document identifier", 0,
                    "add one of `Task-ID:`, `Spec-ID:`, `Incident-ID:` or `Learning-Request-ID:`");
        }
        if (present.size() > 1) {
            throw HeadedMarkdownParser.error(name, "mixes multiple document identifier fields", 0,
                    "it has " + String.join(", ", labels) + "; keep one, or read it as a specific kind");
        }
        return present.get(0);
    }

    /**
     * Validates and binds parsed fields as one document kind.
     *
     * @param parsed the parsed fields
     * @param type the document record class
     * @param name the document name for messages
     * @param <T> the document type
     * @return the document
     * @throws MillraceException with {@code MALFORMED_DOCUMENT} naming the label, line and fix
     */
    public static <T extends WorkDocument> T bind(ParsedMarkdown parsed, Class<T> type, String name) {
        WorkItemKind kind = DocumentLabels.kindOf(type);
        for (ParsedField field : parsed.fields().values()) {
            if (!DocumentLabels.allows(kind, field.label().label())) {
                throw HeadedMarkdownParser.error(name, "has field `" + field.label().label() + "`, which a "
                        + kind.wireName() + " document does not allow", field.line(), "remove that line");
            }
        }
        ParsedField titleField = parsed.fields().get("Title");
        if (titleField != null && titleField.scalar() != null && !titleField.scalar().equals(parsed.h1Title())) {
            throw HeadedMarkdownParser.error(name, "markdown H1 title must match the `Title` field",
                    titleField.line(), "the H1 says '" + parsed.h1Title() + "' but `Title` says '"
                            + titleField.scalar() + "'; make them equal or drop the `Title:` line");
        }
        ObjectNode node = MillraceJson.mapper().createObjectNode();
        for (ParsedField field : parsed.fields().values()) {
            String key = field.label().field();
            if (field.items() != null) {
                ArrayNode array = node.putArray(key);
                field.items().forEach(array::add);
            } else if (field.scalar() != null) {
                node.set(key, "Trigger-Metadata".equals(field.label().label())
                        ? jsonObject(field, name)
                        : node.textNode(field.scalar()));
            }
        }
        node.put("title", parsed.h1Title());
        try {
            return MillraceJson.mapper().treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw invalid(parsed, kind, name, fieldOf(e), detailOf(e));
        } catch (JsonProcessingException e) {
            throw invalid(parsed, kind, name, null, e.getOriginalMessage());
        } catch (MillraceException e) {
            throw invalid(parsed, kind, name, null, e.detail());
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException) {
                JsonMappingException m = (JsonMappingException) e.getCause();
                throw invalid(parsed, kind, name, fieldOf(m), detailOf(m));
            }
            throw invalid(parsed, kind, name, null, e.getMessage());
        }
    }

    private static JsonNode jsonObject(ParsedField field, String name) {
        JsonNode value;
        try {
            value = MillraceJson.mapper().readTree(field.scalar());
        } catch (JsonProcessingException e) {
            throw HeadedMarkdownParser.error(name, "has an invalid `Trigger-Metadata`", field.line(),
                    "it must be one JSON object on one line, such as {\"key\":\"value\"} ("
                            + firstLine(e.getOriginalMessage()) + ")");
        }
        if (value == null || !value.isObject()) {
            throw HeadedMarkdownParser.error(name, "has an invalid `Trigger-Metadata`", field.line(),
                    "it must be a JSON object such as {\"key\":\"value\"}, not " + (value == null ? "nothing"
                            : value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return value;
    }

    private static MillraceException invalid(ParsedMarkdown parsed, WorkItemKind kind, String name, String field,
            String detail) {
        String text = detail == null ? "invalid value" : firstLine(detail);
        DocumentLabel label = field != null ? DocumentLabels.forField(kind, field) : null;
        if (label == null) {
            label = DocumentLabels.forField(kind, leadingWord(text));
        }
        if (label == null) {
            return HeadedMarkdownParser.error(name, "is not a valid " + kind.wireName() + " document: " + text, 0,
                    "correct the fields named in the message");
        }
        ParsedField present = parsed.fields().get(label.label());
        if (present != null && !(label.list() && present.items().isEmpty())) {
            return HeadedMarkdownParser.error(name, "has an invalid `" + label.label() + "`: " + text,
                    present.line(), "correct the value");
        }
        String fix = label.list()
                ? "add a `" + label.label() + ":` line followed by at least one `- item` line"
                : "add a `" + label.label() + ": <value>` line";
        return HeadedMarkdownParser.error(name, "is missing `" + label.label() + "`: " + text,
                present != null ? present.line() : 0, fix);
    }

    private static String fieldOf(JsonMappingException e) {
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                return ref.getFieldName();
            }
        }
        return null;
    }

    private static String detailOf(JsonMappingException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof MillraceException) {
                return ((MillraceException) cause).detail();
            }
            cause = cause.getCause();
        }
        return e.getOriginalMessage();
    }

    private static String leadingWord(String text) {
        int end = 0;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(0, end);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
