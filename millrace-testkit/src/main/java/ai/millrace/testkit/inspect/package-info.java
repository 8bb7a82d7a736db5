/**
 * Read-only views of what a runtime left in a workspace: {@link ai.millrace.testkit.inspect.Events}
 * from {@code logs/runtime_events.jsonl}, router {@link ai.millrace.testkit.inspect.Decision}s, and
 * {@link ai.millrace.testkit.inspect.WorkspaceView} for queue folders, status markers, recovery
 * counters, incidents and the snapshot. The assertions of {@code ai.millrace.testkit.assertions}
 * are built on these.
 */
package ai.millrace.testkit.inspect;
