package ai.millrace.api.plan;

import java.util.Objects;

/**
 * Fingerprints of what a plan was compiled from; a plan is current while they match.
 *
 * @param modeId the resolved mode id
 * @param configFingerprint {@code cfg-<12 hex>} of the effective configuration
 * @param assetsFingerprint {@code assets-<12 hex>} of the referenced assets
 */
public record CompileInputFingerprint(
        String modeId,
        String configFingerprint,
        String assetsFingerprint) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param modeId the resolved mode id
     * @param configFingerprint {@code cfg-<12 hex>} of the effective configuration
     * @param assetsFingerprint {@code assets-<12 hex>} of the referenced assets
     */
    public CompileInputFingerprint {
        Objects.requireNonNull(modeId, "mode_id is required");
        Objects.requireNonNull(configFingerprint, "config_fingerprint is required");
        Objects.requireNonNull(assetsFingerprint, "assets_fingerprint is required");
    }
}
