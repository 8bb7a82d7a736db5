/**
 * Run inspection: the persisted runs of a workspace ({@code millrace-agents/runs/<run_id>/}),
 * each summarized from its stage result files, for {@code millrace runs ls|show|tail} and for
 * programs that want the same view.
 */
package ai.millrace.core.runs;
