package ai.millrace.harness.pi.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds Pi's environment: the JVM's, overlaid with the isolation variables ({@code HOME},
 * {@code PI_CODING_AGENT_DIR}, {@code PI_OFFLINE}), overlaid with {@code [runners.pi].env}, which
 * therefore wins. Stateless and thread-safe.
 */
public final class PiEnvironment {
    private PiEnvironment() {
    }

    /**
     * Merges the three layers.
     *
     * @param parent the inherited environment, never null
     * @param isolation the per-workspace isolation variables, never null
     * @param configured the configured variables, never null
     * @return a new mutable map
     */
    public static Map<String, String> build(Map<String, String> parent, Map<String, String> isolation,
            Map<String, String> configured) {
        Map<String, String> env = new LinkedHashMap<>(parent);
        env.putAll(isolation);
        env.putAll(configured);
        return env;
    }
}
