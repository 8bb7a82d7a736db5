package ai.millrace.core.workspace;

import java.util.Arrays;
import java.util.Objects;

/**
 * One managed asset file: its path below {@code millrace-agents/}, its family, content and
 * SHA-256. Immutable; {@link #content()} returns a copy.
 */
public final class ManagedAsset {
    private final String relativePath;
    private final String family;
    private final byte[] content;
    private final String sha256;

    ManagedAsset(String relativePath, String family, byte[] content, String sha256) {
        this.relativePath = Objects.requireNonNull(relativePath, "relativePath");
        this.family = Objects.requireNonNull(family, "family");
        this.content = content.clone();
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Returns the path below the runtime root.
     *
     * @return a posix path such as {@code entrypoints/execution/builder.md}
     */
    public String relativePath() {
        return relativePath;
    }

    /**
     * Returns the asset family.
     *
     * @return one of {@code entrypoints, skills, modes, loops, graphs, registry}
     */
    public String family() {
        return family;
    }

    /**
     * Returns the file content.
     *
     * @return a copy of the bytes
     */
    public byte[] content() {
        return content.clone();
    }

    /**
     * Returns the SHA-256 of the content.
     *
     * @return 64 lower-case hex digits
     */
    public String sha256() {
        return sha256;
    }

    byte[] contentUnsafe() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagedAsset && ((ManagedAsset) o).relativePath.equals(relativePath)
                && ((ManagedAsset) o).sha256.equals(sha256) && Arrays.equals(((ManagedAsset) o).content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relativePath, sha256);
    }

    @Override
    public String toString() {
        return relativePath + " (" + sha256.substring(0, 12) + ")";
    }
}
