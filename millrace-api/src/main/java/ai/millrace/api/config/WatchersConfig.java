package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;

/**
 * The {@code [watchers]} table: how new work files are noticed.
 *
 * @param enabled whether file watching is on
 * @param debounceMs debounce in milliseconds; greater than 0
 * @param watchIdeasInbox turn ideas dropped into {@code ideas/inbox/} into root specs
 * @param watchSpecsQueue wake on new files in {@code specs/queue/}
 */
public record WatchersConfig(
        boolean enabled,
        int debounceMs,
        boolean watchIdeasInbox,
        boolean watchSpecsQueue) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param enabled whether file watching is on
     * @param debounceMs debounce in milliseconds; greater than 0
     * @param watchIdeasInbox turn ideas dropped into {@code ideas/inbox/} into root specs
     * @param watchSpecsQueue wake on new files in {@code specs/queue/}
     */
    public WatchersConfig {
        if (debounceMs <= 0) {
            throw new ContractViolationException("watchers.debounce_ms must be greater than 0 (got " + debounceMs + ")");
        }
    }

    /**
     * Returns the defaults: enabled, 250 ms debounce, both folders watched.
     *
     * @return the defaults
     */
    public static WatchersConfig defaults() {
        return new WatchersConfig(true, 250, true, true);
    }
}
