package ai.millrace.core.internal.upgrade;

import ai.millrace.core.upgrade.Disposition;
import java.util.Objects;
import java.util.Set;

/**
 * The classification table of spec 02 section 1.7, evaluated in order. Stateless.
 */
public final class UpgradeClassifier {
    private UpgradeClassifier() {
    }

    /**
     * Classifies one path.
     *
     * @param path the path below the runtime root
     * @param original the baseline hash, or null when the path is new in the package
     * @param candidate the packaged hash, or null when the package removed the path
     * @param current the workspace file's hash, or null when it is not a regular file
     * @param existsAsNonFile whether the workspace path exists but is not a regular file
     * @param localize the localize set
     * @return the class
     */
    public static Disposition classify(String path, String original, String candidate, String current,
            boolean existsAsNonFile, Set<String> localize) {
        if (existsAsNonFile) {
            return Disposition.CONFLICT;
        }
        if (original == null) {
            if (current == null) {
                return Disposition.MISSING;
            }
            return current.equals(candidate) ? Disposition.ALREADY_CONVERGED : Disposition.CONFLICT;
        }
        if (candidate == null) {
            return localize.contains(path) ? Disposition.LOCALIZED_REMOVED : Disposition.CONFLICT;
        }
        if (current == null) {
            return Disposition.MISSING;
        }
        boolean xo = current.equals(original);
        boolean co = Objects.equals(candidate, original);
        if (xo && co) {
            return Disposition.UNCHANGED;
        }
        if (xo) {
            return Disposition.SAFE_PACKAGE_UPDATE;
        }
        if (co) {
            return Disposition.LOCAL_ONLY_MODIFICATION;
        }
        return current.equals(candidate) ? Disposition.ALREADY_CONVERGED : Disposition.CONFLICT;
    }
}
