/**
 * JUnit 5 integration: {@link ai.millrace.testkit.junit.MillraceTest} (or
 * {@link ai.millrace.testkit.junit.MillraceExtension} registered as a field) gives each test a fresh
 * {@link ai.millrace.testkit.fixture.MillraceWorkspace} and injects it, its runner, clock and
 * runtime as parameters.
 */
package ai.millrace.testkit.junit;
