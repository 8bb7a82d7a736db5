package ai.millrace.compiler.internal.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validation of markdown asset paths ({@code entrypoints/...md}, {@code skills/...md}).
 *
 * <p>A valid path is relative, uses forward slashes, has no {@code .} or {@code ..} segment after
 * normalization, starts with the required folder and ends with {@code .md}. Such a path can never
 * name a file outside {@code millrace-agents/}.
 */
public final class AssetPaths {
    /** The folder of entrypoints. */
    public static final String ENTRYPOINTS = "entrypoints/";
    /** The folder of skills. */
    public static final String SKILLS = "skills/";

    private AssetPaths() {
    }

    /**
     * Tells what is wrong with a markdown path that must already be in normal form.
     *
     * @param raw the path as written
     * @param prefix {@link #ENTRYPOINTS} or {@link #SKILLS}
     * @return empty when valid, otherwise the reason
     */
    public static Optional<String> problem(String raw, String prefix) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("path is empty");
        }
        if (!raw.equals(raw.strip())) {
            return Optional.of("path has surrounding whitespace");
        }
        Optional<String> normalized = normalize(raw);
        if (normalized.isEmpty()) {
            return Optional.of(reasonForUnnormalizable(raw));
        }
        if (!normalized.get().equals(raw)) {
            return Optional.of("path is not in normal form (write '" + normalized.get() + "')");
        }
        return prefixProblem(raw, prefix);
    }

    /**
     * Normalizes an override path as the compiler accepts it: trims, collapses {@code //} and
     * {@code /./}, drops leading {@code ./} and a trailing {@code /}; rejects absolute paths,
     * backslashes and any {@code ..} segment.
     *
     * @param raw the raw path
     * @param prefix {@link #ENTRYPOINTS} or {@link #SKILLS}
     * @return the normal form, or empty when the path is not acceptable
     */
    public static Optional<String> normalizeOverride(String raw, String prefix) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<String> normalized = normalize(raw.strip());
        if (normalized.isEmpty() || prefixProblem(normalized.get(), prefix).isPresent()) {
            return Optional.empty();
        }
        return normalized;
    }

    private static Optional<String> prefixProblem(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return Optional.of("path must start with '" + prefix + "'");
        }
        if (!path.toLowerCase(Locale.ROOT).endsWith(".md") || path.length() <= prefix.length() + 3) {
            return Optional.of("path must name a .md file under '" + prefix + "'");
        }
        return Optional.empty();
    }

    private static String reasonForUnnormalizable(String raw) {
        if (raw.startsWith("/") || raw.startsWith("\\") || (raw.length() > 1 && raw.charAt(1) == ':')) {
            return "path must be relative, not absolute";
        }
        if (raw.indexOf('\\') >= 0) {
            return "path must use forward slashes";
        }
        return "path must not contain '..' segments";
    }

    private static Optional<String> normalize(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0
                || (path.length() > 1 && path.charAt(1) == ':')) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return Optional.empty();
            }
            parts.add(segment);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }
}
