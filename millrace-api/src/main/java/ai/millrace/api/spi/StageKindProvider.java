package ai.millrace.api.spi;

import ai.millrace.api.asset.StageKindDefinition;
import java.util.List;
import java.util.Map;

/**
 * Contributes stage kinds to the compiler. The built-in fifteen come through this same interface.
 *
 * <p>Found by {@link java.util.ServiceLoader} (declare it in {@code module-info.java} and in
 * {@code META-INF/services}). Called once per compile, on the compiling thread; results must not
 * change between calls. A stage kind id claimed by two providers is an error naming both.
 */
public interface StageKindProvider {
    /**
     * Returns the stage kinds this provider contributes.
     *
     * @return the definitions, never null
     */
    List<StageKindDefinition> stageKinds();

    /**
     * Returns markdown assets the stage kinds need (their entrypoints and skills), keyed by path
     * relative to {@code millrace-agents/}, such as {@code entrypoints/execution/linter.md}.
     * Workspace initialization writes the ones that are missing and never overwrites a file.
     *
     * @return path to UTF-8 text; empty by default
     */
    default Map<String, String> markdownAssets() {
        return Map.of();
    }
}
