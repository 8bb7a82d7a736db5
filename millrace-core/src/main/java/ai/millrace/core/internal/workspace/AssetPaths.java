package ai.millrace.core.internal.workspace;

import ai.millrace.api.ContractViolationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rules for managed asset paths: the six families in deployment order, which files count as
 * assets, and how the packaged asset index is generated from a source folder. Stateless.
 */
public final class AssetPaths {
    /** The managed asset families, in deployment and manifest enumeration order. */
    public static final List<String> FAMILIES = List.of("entrypoints", "skills", "modes", "loops", "graphs", "registry");
    /** The class path folder that holds the packaged assets. */
    public static final String RESOURCE_ROOT = "ai/millrace/assets/";
    /** The index of packaged assets, relative to {@link #RESOURCE_ROOT}. */
    public static final String INDEX_NAME = "asset-index.txt";

    private AssetPaths() {
    }

    /**
     * Tells whether a file below a family folder is left out of deployment, as the original
     * leaves out hidden files and folders, {@code __pycache__} and compiled Python.
     *
     * @param relativeToFamily the posix path below the family folder
     * @return true when the file is not an asset
     */
    public static boolean isSkipped(String relativeToFamily) {
        for (String part : relativeToFamily.split("/")) {
            if (part.startsWith(".") || part.equals("__pycache__")) {
                return true;
            }
        }
        String lower = relativeToFamily.toLowerCase(Locale.ROOT);
        return lower.endsWith(".pyc") || lower.endsWith(".pyo");
    }

    /**
     * Returns the family of an asset path.
     *
     * @param relativePath a path such as {@code entrypoints/execution/builder.md}
     * @return its first segment
     */
    public static String familyOf(String relativePath) {
        int slash = relativePath.indexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(0, slash);
    }

    /**
     * Checks that a path is a plain relative asset path inside one of the families.
     *
     * @param what names the path's origin in messages
     * @param relativePath the path
     * @param families the families allowed as first segment
     * @return the path
     * @throws ContractViolationException naming the origin and the problem
     */
    public static String requireAssetPath(String what, String relativePath, List<String> families) {
        if (relativePath == null || relativePath.isBlank()) {
            throw new ContractViolationException(what + ": asset path must not be empty");
        }
        if (relativePath.startsWith("/") || relativePath.contains("\\") || relativePath.contains(":")) {
            throw new ContractViolationException(what + ": asset path must be relative and use '/' (got '"
                    + relativePath + "')");
        }
        for (String part : relativePath.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new ContractViolationException(what + ": asset path must not contain empty, '.' or '..' segments (got '"
                        + relativePath + "')");
            }
        }
        String family = familyOf(relativePath);
        if (!families.contains(family) || family.equals(relativePath)) {
            throw new ContractViolationException(what + ": asset path must start with one of " + families
                    + " followed by a file name (got '" + relativePath + "')");
        }
        if (isSkipped(relativePath.substring(family.length() + 1))) {
            throw new ContractViolationException(what + ": asset path names a hidden or compiled file (got '"
                    + relativePath + "')");
        }
        return relativePath;
    }

    /**
     * Lists the asset files under a source folder, as the packaged index must list them.
     *
     * @param assetRoot the folder holding the family folders
     * @return posix paths relative to the root, sorted by plain string order
     */
    public static List<String> scan(Path assetRoot) {
        List<String> paths = new ArrayList<>();
        for (String family : FAMILIES) {
            Path dir = assetRoot.resolve(family);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    String below = posix(dir.relativize(file));
                    if (!isSkipped(below)) {
                        paths.add(family + "/" + below);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        paths.sort(null);
        return paths;
    }

    /**
     * Renders the packaged asset index text.
     *
     * @param paths the asset paths, sorted
     * @return the index file content
     */
    public static String indexText(List<String> paths) {
        StringBuilder out = new StringBuilder();
        out.append("# Every packaged Millrace asset below ai/millrace/assets/, one path per line, sorted.\n");
        out.append("# Workspace init deploys exactly these files, so this list must match the folder.\n");
        out.append("# Regenerate after adding or removing an asset:\n");
        out.append("#   mvn -pl millrace-core test -Dtest=AssetIndexTest -Dmillrace.updateAssetIndex=true\n");
        paths.forEach(p -> out.append(p).append('\n'));
        return out.toString();
    }

    /**
     * Reads the paths out of an index text: one per line, blank lines and {@code #} comments skipped.
     *
     * @param text the index content
     * @return the paths in file order
     */
    public static List<String> parseIndex(String text) {
        List<String> paths = new ArrayList<>();
        for (String line : text.split("\n")) {
            String path = line.strip();
            if (!path.isEmpty() && !path.startsWith("#")) {
                paths.add(path);
            }
        }
        return paths;
    }

    private static String posix(Path relative) {
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part.toString());
        }
        return out.toString();
    }
}
