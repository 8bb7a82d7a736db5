package ai.millrace.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Checks one value of the TOML tree and reports what is wrong with it by key path.
 */
@FunctionalInterface
public interface ConfigRule {
    /**
     * Checks a value.
     *
     * @param path the dotted key path of the value, such as {@code runners.codex.args}
     * @param value the value, never null
     * @param errors receives one {@code "<path>: <problem>"} line per problem
     */
    void check(String path, JsonNode value, List<String> errors);
}
