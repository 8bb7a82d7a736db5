package ai.millrace.core.internal.state;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small helpers for the JSON-lines side logs (requeue records, quarantine diagnostics): one
 * compact JSON object per line with sorted keys, appended through {@link AtomicFiles#append}.
 * Stateless and thread-safe.
 */
public final class JsonLines {
    private JsonLines() {
    }

    /**
     * Renders a map as one compact JSON line with sorted keys, newline-terminated.
     *
     * @param fields the fields; values are plain JSON values (strings, numbers, maps, lists)
     * @return the line, ending in {@code \n}
     */
    public static String sortedLine(Map<String, ?> fields) {
        try {
            return MillraceJson.mapper().writeValueAsString(new TreeMap<>(fields)) + "\n";
        } catch (JsonProcessingException e) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION, "cannot write JSON line: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Appends one sorted-key line to a JSON-lines file.
     *
     * @param files the write strategy
     * @param file the log file; created when missing
     * @param fields the fields
     */
    public static void appendSorted(AtomicFiles files, java.nio.file.Path file, Map<String, ?> fields) {
        files.append(file, sortedLine(fields).getBytes(StandardCharsets.UTF_8));
    }
}
