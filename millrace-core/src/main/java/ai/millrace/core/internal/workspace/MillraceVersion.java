package ai.millrace.core.internal.workspace;

/**
 * The version of this library that seeds workspaces, recorded as {@code seed_package_version}
 * in the baseline manifest. A constant rather than jar metadata, so that a manifest (and its id)
 * is the same whether the library runs from a jar or from a build folder; the release bumps it
 * together with the project version.
 */
public final class MillraceVersion {
    /** The current version. */
    public static final String CURRENT = "0.1.0-SNAPSHOT";

    private MillraceVersion() {
    }
}
