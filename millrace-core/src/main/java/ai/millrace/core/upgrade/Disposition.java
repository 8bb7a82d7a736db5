package ai.millrace.core.upgrade;

import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How one managed asset path is classified by an upgrade (spec 02 section 1.7), in the fixed
 * report order. With O the baseline hash, C the packaged (candidate) hash and X the workspace
 * file's hash.
 */
public enum Disposition implements WireEnum {
    /** X == O == C: nothing to do. */
    UNCHANGED("unchanged"),
    /** X == O, C != O: the package changed a file the workspace did not touch; apply copies it. */
    SAFE_PACKAGE_UPDATE("safe_package_update"),
    /** X != O, C == O: the workspace changed a file the package did not; kept as it is. */
    LOCAL_ONLY_MODIFICATION("local_only_modification"),
    /** X == C, C != O (or a new asset already present with the packaged content). */
    ALREADY_CONVERGED("already_converged"),
    /** A file the package removed, listed in the localize set: the workspace keeps it untracked. */
    LOCALIZED_REMOVED("localized_removed"),
    /** Both sides changed, a removed asset not localized, a new asset with other content, or not a regular file. */
    CONFLICT("conflict"),
    /** The workspace file does not exist: apply copies the packaged file. */
    MISSING("missing");

    private final String wireName;

    Disposition(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
