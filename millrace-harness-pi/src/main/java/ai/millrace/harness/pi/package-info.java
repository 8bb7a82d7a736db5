/**
 * The Pi harness: a {@link ai.millrace.api.spi.StageRunner} that drives the Pi coding agent over RPC on stdio.
 */
package ai.millrace.harness.pi;
