package ai.millrace.compiler.internal.builtin;

import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.spi.GraphLoopProvider;
import ai.millrace.compiler.internal.assets.AssetFamily;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.util.ArrayList;
import java.util.List;

/**
 * Supplies the three standard graph loops from the packaged asset tree. Stateless and thread-safe; the compiler
 * recognizes it and records the packaged file path and hash instead of a plugin origin.
 */
public final class BuiltinGraphLoopProvider implements GraphLoopProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} needs a public no-arg constructor. */
    public BuiltinGraphLoopProvider() {
    }

    @Override
    public List<GraphLoopDefinition> graphLoops() {
        List<GraphLoopDefinition> result = new ArrayList<>();
        for (LoadedAsset<?> asset : BuiltinAssets.load(AssetFamily.GRAPH_LOOP)) {
            result.add((GraphLoopDefinition) asset.definition());
        }
        return List.copyOf(result);
    }
}
