package ai.millrace.api.plan;

import java.util.Objects;

/**
 * One asset the plan was compiled from, with the hash of its content at compile time.
 *
 * @param assetFamily {@code mode}, {@code graph_loop}, {@code stage_kind}, {@code entrypoint} or {@code skill}
 * @param logicalId such as {@code entrypoint:entrypoints/execution/builder.md}
 * @param compileTimePath the path it was read from
 * @param contentSha256 lower-case hex SHA-256, or {@code missing}
 */
public record ResolvedAssetRef(
        String assetFamily,
        String logicalId,
        String compileTimePath,
        String contentSha256) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param assetFamily {@code mode}, {@code graph_loop}, {@code stage_kind}, {@code entrypoint} or {@code skill}
     * @param logicalId such as {@code entrypoint:entrypoints/execution/builder.md}
     * @param compileTimePath the path it was read from
     * @param contentSha256 lower-case hex SHA-256, or {@code missing}
     */
    public ResolvedAssetRef {
        Objects.requireNonNull(assetFamily, "asset_family is required");
        Objects.requireNonNull(logicalId, "logical_id is required");
        Objects.requireNonNull(compileTimePath, "compile_time_path is required");
        Objects.requireNonNull(contentSha256, "content_sha256 is required");
    }
}
