/**
 * Assertions that read like the domain, all reached from
 * {@link ai.millrace.testkit.assertions.MillraceAssertions#assertThat(ai.millrace.testkit.fixture.MillraceWorkspace)}:
 * {@code assertThat(ws).task("t1").ranStages("builder", "checker", "updater").endedIn(DONE)}.
 * Failures are plain {@link org.opentest4j.AssertionFailedError}s that name the work item and show
 * the relevant events.
 */
package ai.millrace.testkit.assertions;
