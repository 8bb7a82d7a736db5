package ai.millrace.api.spi;

import ai.millrace.api.asset.GraphLoopDefinition;
import java.util.List;

/**
 * Contributes graph loops to the compiler. The built-in loops come through this same interface.
 *
 * <p>Found by {@link java.util.ServiceLoader}. Called once per compile; a loop id claimed by two
 * providers is an error naming both. A workspace-local loop with the same id overrides a
 * provider's.
 */
public interface GraphLoopProvider {
    /**
     * Returns the graph loops this provider contributes.
     *
     * @return the definitions, never null
     */
    List<GraphLoopDefinition> graphLoops();
}
