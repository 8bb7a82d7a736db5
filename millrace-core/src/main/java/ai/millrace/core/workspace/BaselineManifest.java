package ai.millrace.core.workspace;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.ErrorCode;
import ai.millrace.api.Identifiers;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.workspace.Sha256;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The baseline manifest, {@code state/baseline_manifest.json}: which managed assets a workspace
 * was seeded with and their hashes, so an upgrade can tell local edits from package updates.
 *
 * <p>{@code manifest_id} is the SHA-256 hex of the canonical JSON (sorted keys, no spaces) of
 * {@code {"schema_version","seed_package_version","entries"}}, as in the original. The
 * constructor checks it, so a manifest whose entries were edited by hand does not read.
 * Immutable.
 *
 * @param schemaVersion always {@code "1.0"}
 * @param manifestId the content hash described above
 * @param seedPackageVersion the library version that seeded the workspace
 * @param entries the assets, sorted by path
 */
public record BaselineManifest(String schemaVersion, String manifestId, String seedPackageVersion,
        List<BaselineManifestEntry> entries) {
    /** The only schema version. */
    public static final String SCHEMA_VERSION = "1.0";

    /**
     * Validates the manifest and its id.
     *
     * @param schemaVersion always {@code "1.0"}
     * @param manifestId the content hash
     * @param seedPackageVersion the library version that seeded the workspace
     * @param entries the assets, sorted by path
     * @throws ContractViolationException when a field is missing, entries are unsorted or
     *     duplicated, or the id does not match the content
     */
    public BaselineManifest {
        if (!SCHEMA_VERSION.equals(schemaVersion)) {
            throw new ContractViolationException("schema_version must be '1.0' (got '" + schemaVersion + "')");
        }
        Identifiers.requireText("seed_package_version", seedPackageVersion);
        entries = List.copyOf(Objects.requireNonNull(entries, "entries is required"));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i - 1).relativePath().compareTo(entries.get(i).relativePath()) >= 0) {
                throw new ContractViolationException("entries must be sorted by relative_path without duplicates (at "
                        + entries.get(i).relativePath() + ")");
            }
        }
        String expected = idOf(seedPackageVersion, entries);
        if (!expected.equals(manifestId)) {
            throw new ContractViolationException("manifest_id does not match the entries (expected " + expected
                    + ", got " + manifestId + "); the manifest was edited or is damaged");
        }
    }

    /**
     * Builds a manifest and computes its id.
     *
     * @param seedPackageVersion the library version
     * @param entries the entries, sorted by path
     * @return the manifest
     */
    public static BaselineManifest of(String seedPackageVersion, List<BaselineManifestEntry> entries) {
        return new BaselineManifest(SCHEMA_VERSION, idOf(seedPackageVersion, entries), seedPackageVersion, entries);
    }

    /**
     * Reads a manifest file.
     *
     * @param file the file
     * @return the manifest
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} naming the file when it
     *     is invalid, or {@link ErrorCode#STORAGE_FAILED} when it cannot be read
     */
    public static BaselineManifest read(Path file) {
        return MillraceJson.read(file, BaselineManifest.class);
    }

    /**
     * Returns the manifest as the original writes it: indented JSON and a final newline.
     *
     * @return the JSON text
     */
    public String toJson() {
        return MillraceJson.write(this);
    }

    private static String idOf(String seedPackageVersion, List<BaselineManifestEntry> entries) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("schema_version", SCHEMA_VERSION);
        content.put("seed_package_version", seedPackageVersion);
        content.put("entries", entries);
        return Sha256.hex(MillraceJson.canonicalBytes(content));
    }
}
