/**
 * Internals of the Codex CLI harness: the stage prompt, the command line, the {@code --json} event
 * parser, the artifact formats and atomic file writes. Not exported; no compatibility promises.
 */
package ai.millrace.harness.codex.internal;
