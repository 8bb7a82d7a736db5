package ai.millrace.compiler.internal.builtin;

import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.spi.StageKindProvider;
import ai.millrace.compiler.internal.assets.AssetFamily;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.util.ArrayList;
import java.util.List;

/**
 * Supplies the fifteen built-in stage kinds from the packaged asset tree. Stateless and thread-safe; the compiler
 * recognizes it and records the packaged file path and hash instead of a plugin origin.
 */
public final class BuiltinStageKindProvider implements StageKindProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} needs a public no-arg constructor. */
    public BuiltinStageKindProvider() {
    }

    @Override
    public List<StageKindDefinition> stageKinds() {
        List<StageKindDefinition> result = new ArrayList<>();
        for (LoadedAsset<?> asset : BuiltinAssets.load(AssetFamily.STAGE_KIND)) {
            result.add((StageKindDefinition) asset.definition());
        }
        return List.copyOf(result);
    }
}
