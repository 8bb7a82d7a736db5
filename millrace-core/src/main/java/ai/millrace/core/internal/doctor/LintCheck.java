package ai.millrace.core.internal.doctor;

/**
 * Turns asset lint diagnostics into doctor findings: structural and compatibility as errors,
 * policy as warnings. Read-only.
 */
public final class LintCheck {
    private LintCheck() {
    }

    /**
     * Lints the workspace's deployed assets.
     *
     * @param f the collector
     */
    public static void run(Findings f) {
        for (LintDiagnostic d : AssetLinter.lint(f.paths().runtimeRoot())) {
            var file = f.paths().runtimeRoot().resolve(d.path());
            String message = d.reason() + " [" + d.assetType() + (d.assetId() == null ? "" : " " + d.assetId()) + "]";
            switch (d.level()) {
                case STRUCTURAL:
                    f.error("asset_lint_structural", file, message, d.suggestedFix());
                    break;
                case COMPATIBILITY:
                    f.error("asset_lint_compatibility", file, message, d.suggestedFix());
                    break;
                default:
                    f.warning("asset_lint_policy", file, message, d.suggestedFix());
                    break;
            }
        }
    }
}
