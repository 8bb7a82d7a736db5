package ai.millrace.compiler.internal.compile;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.ConcurrencyPolicy;
import ai.millrace.api.asset.LearningTriggerRule;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.ResolvedAssetRef;
import ai.millrace.compiler.internal.assets.Hashing;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fingerprint and plan-id algorithms of spec 01 section 4.8, over {@link MillraceJson#canonicalBytes}.
 * Stateless.
 */
public final class Fingerprints {
    /** The assets fingerprint recorded when there is no persisted plan. */
    public static final String ASSETS_MISSING = "assets-missing";

    private Fingerprints() {
    }

    /**
     * Fingerprints the whole effective configuration.
     *
     * @param config the configuration
     * @return {@code cfg-<12 hex>}
     */
    public static String config(MillraceConfig config) {
        return "cfg-" + Hashing.sha256Hex(MillraceJson.canonicalBytes(config)).substring(0, 12);
    }

    /**
     * Fingerprints resolved assets by their current content.
     *
     * @param refs the refs
     * @param currentToken the current SHA-256 of a ref's file, or {@code missing}
     * @return {@code assets-<12 hex>}
     */
    public static String assets(List<ResolvedAssetRef> refs, Function<ResolvedAssetRef, String> currentToken) {
        List<ResolvedAssetRef> sorted = new ArrayList<>(refs);
        sorted.sort(Comparator.comparing(ResolvedAssetRef::assetFamily)
                .thenComparing(ResolvedAssetRef::logicalId)
                .thenComparing(ResolvedAssetRef::compileTimePath));
        MessageDigest digest = Hashing.digest();
        for (ResolvedAssetRef ref : sorted) {
            for (String part : new String[] {ref.assetFamily(), ref.logicalId(), ref.compileTimePath(), currentToken.apply(ref)}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
        }
        return "assets-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    /**
     * Identifies the materialized structure of a plan (not its timestamps or asset hashes).
     *
     * @param modeId the mode id
     * @param loopIds loop per plane
     * @param graphs frozen graph per plane
     * @param concurrency the concurrency policy, may be null
     * @param rules the learning trigger rules
     * @return {@code plan-<mode>-<12 hex>}
     */
    public static String planId(String modeId, Map<Plane, String> loopIds, Map<Plane, FrozenGraphPlanePlan> graphs,
            ConcurrencyPolicy concurrency, List<LearningTriggerRule> rules) {
        Map<String, Object> structure = new LinkedHashMap<>();
        structure.put("mode_id", modeId);
        structure.put("loop_ids_by_plane", loopIds);
        structure.put("graphs_by_plane", graphs);
        structure.put("concurrency_policy", concurrency);
        structure.put("learning_trigger_rules", rules);
        return "plan-" + modeId + "-" + Hashing.sha256Hex(MillraceJson.canonicalBytes(structure)).substring(0, 12);
    }
}
