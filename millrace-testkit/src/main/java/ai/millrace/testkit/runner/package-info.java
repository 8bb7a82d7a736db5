/**
 * Runners for tests: {@link ai.millrace.testkit.runner.ScriptedRunner} answers stages from a
 * script instead of a model, {@link ai.millrace.testkit.runner.Reply} says what one call answers,
 * and {@link ai.millrace.testkit.runner.RecordingRunner} records what any runner was asked.
 */
package ai.millrace.testkit.runner;
