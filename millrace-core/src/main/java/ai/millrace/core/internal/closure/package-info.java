/**
 * Completion behaviour: closure targets, lineage, the arbiter's activation and results, lineage
 * drift and its repair (spec 02 section 4).
 *
 * <p>Nothing here mutates runtime state directly (except {@link LineageRepair}, an offline
 * operator command): every hook returns journal steps the engine adds to one transition, plus the
 * runtime events to emit after that transition commits.
 */
package ai.millrace.core.internal.closure;
