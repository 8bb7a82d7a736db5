package ai.millrace.compiler.internal.assets;

import java.util.Objects;

/**
 * A definition together with where it came from.
 *
 * @param definition the parsed definition
 * @param compileTimePath the path recorded in {@code resolved_assets}: relative to the assets root
 *     for files and built-ins, {@code plugin:<class>/<family>/<id>} for plugin definitions
 * @param contentSha256 the SHA-256 hex of the bytes the definition was read from (canonical JSON
 *     for plugin definitions)
 * @param origin a human description for messages, such as a file path or a provider class
 * @param <T> the definition type
 */
public record LoadedAsset<T>(T definition, String compileTimePath, String contentSha256, String origin) {
    /** Checks for nulls. */
    public LoadedAsset {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(compileTimePath, "compileTimePath");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(origin, "origin");
    }
}
