package ai.millrace.core.upgrade;

import java.util.Objects;

/**
 * The classification of one managed asset path. Immutable.
 *
 * @param relativePath the path below {@code millrace-agents/}
 * @param disposition the class
 * @param originalSha256 the baseline hash; null for a new asset
 * @param candidateSha256 the packaged hash; null for a removed asset
 * @param currentSha256 the workspace file's hash; null when it is not a regular file
 */
public record UpgradeEntry(String relativePath, Disposition disposition, String originalSha256, String candidateSha256,
        String currentSha256) {
    /**
     * Validates.
     *
     * @param relativePath the path
     * @param disposition the class
     * @param originalSha256 the baseline hash or null
     * @param candidateSha256 the packaged hash or null
     * @param currentSha256 the workspace hash or null
     */
    public UpgradeEntry {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(disposition, "disposition");
    }
}
