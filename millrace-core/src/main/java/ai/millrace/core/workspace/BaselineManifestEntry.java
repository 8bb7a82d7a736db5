package ai.millrace.core.workspace;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import java.util.regex.Pattern;

/**
 * One managed asset in the baseline manifest: where it was deployed and the hash it was deployed
 * with. Immutable.
 *
 * @param relativePath the posix path below {@code millrace-agents/}
 * @param assetFamily the family, the path's first segment
 * @param originalSha256 the SHA-256 of the content as seeded, 64 lower-case hex digits
 */
public record BaselineManifestEntry(String relativePath, String assetFamily, String originalSha256) {
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    /**
     * Validates the entry.
     *
     * @param relativePath the posix path below {@code millrace-agents/}
     * @param assetFamily the family, the path's first segment
     * @param originalSha256 the SHA-256 of the content as seeded
     * @throws ContractViolationException when a field is missing or malformed
     */
    public BaselineManifestEntry {
        Identifiers.requireText("relative_path", relativePath);
        Identifiers.requireText("asset_family", assetFamily);
        if (originalSha256 == null || !SHA256.matcher(originalSha256).matches()) {
            throw new ContractViolationException("original_sha256 of " + relativePath
                    + " must be 64 lower-case hex digits (got '" + originalSha256 + "')");
        }
    }
}
