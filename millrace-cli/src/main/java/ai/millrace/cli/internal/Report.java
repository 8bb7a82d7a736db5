package ai.millrace.cli.internal;

import ai.millrace.api.WireEnum;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered block of {@code key: value} lines that can also be printed as one JSON object.
 *
 * <p>{@link #put} adds a line whose JSON value is the typed value; {@link #repeat} adds a line
 * that may occur several times (such as {@code active_run:}) and appears in JSON as a list under
 * a plural key. Not thread-safe.
 */
public final class Report {
    private final List<String[]> lines = new ArrayList<>();
    private final Map<String, Object> json = new LinkedHashMap<>();

    /**
     * Adds a line.
     *
     * @param key the key
     * @param value the value (null prints {@code none})
     * @return this report
     */
    public Report put(String key, Object value) {
        lines.add(new String[] {key, Fmt.text(value)});
        json.put(key, jsonValue(value));
        return this;
    }

    /**
     * Adds a repeatable line.
     *
     * @param key the text key
     * @param jsonKey the JSON list key
     * @param jsonValue the JSON element
     * @param text the text value
     * @return this report
     */
    @SuppressWarnings("unchecked")
    public Report repeat(String key, String jsonKey, Object jsonValue, String text) {
        lines.add(new String[] {key, text});
        ((List<Object>) json.computeIfAbsent(jsonKey, k -> new ArrayList<>())).add(jsonValue(jsonValue));
        return this;
    }

    /**
     * Adds an element to a JSON-only list (not printed as text).
     *
     * @param jsonKey the list key
     * @param value the element
     * @return this report
     */
    @SuppressWarnings("unchecked")
    public Report jsonAdd(String jsonKey, Object value) {
        ((List<Object>) json.computeIfAbsent(jsonKey, k -> new ArrayList<>())).add(jsonValue(value));
        return this;
    }

    /**
     * Adds a JSON-only value (not printed as text).
     *
     * @param key the key
     * @param value the value
     * @return this report
     */
    public Report jsonOnly(String key, Object value) {
        json.put(key, jsonValue(value));
        return this;
    }

    /**
     * Makes sure a JSON list exists under a key even when no element was added.
     *
     * @param jsonKey the key
     * @return this report
     */
    public Report ensureList(String jsonKey) {
        json.computeIfAbsent(jsonKey, k -> new ArrayList<>());
        return this;
    }

    /**
     * Appends another report's text lines (its JSON is not merged).
     *
     * @param other the other report
     * @return this report
     */
    public Report append(Report other) {
        lines.addAll(other.lines);
        return this;
    }

    /**
     * Prints the lines.
     *
     * @param out where to
     */
    public void printText(PrintWriter out) {
        for (String[] line : lines) {
            out.println(line[0] + ": " + line[1]);
        }
    }

    /**
     * Returns the JSON view.
     *
     * @return an ordered map of JSON values
     */
    public Map<String, Object> toJson() {
        return json;
    }

    /**
     * Converts a value to a JSON value: instants as ISO strings, wire enums as names.
     *
     * @param value the value
     * @return the JSON value
     */
    public static Object jsonValue(Object value) {
        if (value instanceof Instant) {
            return Fmt.iso((Instant) value);
        }
        if (value instanceof WireEnum) {
            return ((WireEnum) value).wireName();
        }
        if (value instanceof Collection) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Collection<?>) value) {
                out.add(jsonValue(o));
            }
            return out;
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
            return out;
        }
        return value;
    }
}
