package ai.millrace.api.spi;

import ai.millrace.api.asset.ModeDefinition;
import java.util.List;

/**
 * Contributes modes to the compiler. The built-in modes come through this same interface.
 *
 * <p>Found by {@link java.util.ServiceLoader}. Called once per compile; a mode id claimed by two
 * providers is an error naming both. A workspace-local mode with the same id overrides a
 * provider's.
 */
public interface ModeProvider {
    /**
     * Returns the modes this provider contributes.
     *
     * @return the definitions, never null
     */
    List<ModeDefinition> modes();
}
