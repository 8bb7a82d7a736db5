package ai.millrace.core.internal.upgrade;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code --localize-removed} values and {@code --localize-removed-from} files. Stateless.
 */
public final class LocalizeSet {
    private LocalizeSet() {
    }

    /**
     * Normalizes the values: trimmed, empty ones ignored, backslashes as {@code /}; absolute paths
     * and {@code ..} segments are refused.
     *
     * @param values the raw values
     * @return the posix paths
     * @throws MillraceException CONTRACT_VIOLATION {@code localize-removed path must be workspace-relative: <value>}
     */
    public static Set<String> normalize(Collection<String> values) {
        Set<String> out = new TreeSet<>();
        for (String raw : values) {
            String v = raw == null ? "" : raw.strip();
            if (v.isEmpty()) {
                continue;
            }
            String posix = v.replace('\\', '/');
            boolean absolute = posix.startsWith("/") || posix.matches("^[A-Za-z]:.*");
            if (absolute || List.of(posix.split("/")).contains("..")) {
                throw new MillraceException(ErrorCode.CONTRACT_VIOLATION,
                        "localize-removed path must be workspace-relative: " + raw);
            }
            while (posix.startsWith("./")) {
                posix = posix.substring(2);
            }
            out.add(posix.replaceAll("/+", "/"));
        }
        return out;
    }

    /**
     * Reads the lines of a localize file: blank lines and lines starting with {@code #} (after
     * left-trimming) are skipped.
     *
     * @param text the file content
     * @return the values
     */
    public static List<String> parseFile(String text) {
        return text.lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).toList();
    }
}
