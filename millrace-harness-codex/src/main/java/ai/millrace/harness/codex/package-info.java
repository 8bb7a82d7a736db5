/**
 * The Codex CLI harness: a {@link ai.millrace.api.spi.StageRunner} that drives {@code codex exec} as a subprocess.
 */
package ai.millrace.harness.codex;
