/**
 * A JUnit 5 compatibility kit for {@link ai.millrace.api.spi.StageRunner} plugins that drive a
 * subprocess: extend {@link ai.millrace.testkit.compat.StageRunnerCompatibilityKit}.
 */
package ai.millrace.testkit.compat;
