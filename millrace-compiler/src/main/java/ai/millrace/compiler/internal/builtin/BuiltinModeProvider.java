package ai.millrace.compiler.internal.builtin;

import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.spi.ModeProvider;
import ai.millrace.compiler.internal.assets.AssetFamily;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.util.ArrayList;
import java.util.List;

/**
 * Supplies the four shipped modes from the packaged asset tree. Stateless and thread-safe; the compiler
 * recognizes it and records the packaged file path and hash instead of a plugin origin.
 */
public final class BuiltinModeProvider implements ModeProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} needs a public no-arg constructor. */
    public BuiltinModeProvider() {
    }

    @Override
    public List<ModeDefinition> modes() {
        List<ModeDefinition> result = new ArrayList<>();
        for (LoadedAsset<?> asset : BuiltinAssets.load(AssetFamily.MODE)) {
            result.add((ModeDefinition) asset.definition());
        }
        return List.copyOf(result);
    }
}
