/**
 * Durable runtime state: the snapshot, recovery counters, status markers, closure targets, the
 * runtime error context and the runtime event log. Every write goes through
 * {@link ai.millrace.compiler.internal.io.AtomicFiles}; every contract through
 * {@link ai.millrace.compiler.internal.json.MillraceJson}.
 */
package ai.millrace.core.internal.state;
