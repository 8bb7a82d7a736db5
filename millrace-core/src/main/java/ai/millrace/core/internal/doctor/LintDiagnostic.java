package ai.millrace.core.internal.doctor;

/**
 * One asset lint finding (spec 01 section 5.6). Immutable.
 *
 * @param path the asset path relative to the assets root
 * @param assetType the asset type, or {@code unknown}
 * @param assetId the asset id, or null
 * @param stage the stage, or null
 * @param level the lint level
 * @param reason what is wrong
 * @param suggestedFix what to do
 */
public record LintDiagnostic(String path, String assetType, String assetId, String stage, Level level, String reason,
        String suggestedFix) {
    /** Lint levels, in sort order. */
    public enum Level {
        /** The asset cannot be used as it is. */
        STRUCTURAL,
        /** The asset disagrees with the stage topology or contracts. */
        COMPATIBILITY,
        /** The asset claims something the runtime owns. */
        POLICY
    }
}
