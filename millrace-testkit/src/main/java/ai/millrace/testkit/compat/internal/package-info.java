/**
 * Internals of the harness compatibility kit: process observation and the runner thread. Not part
 * of the testkit's API; may change without notice.
 */
package ai.millrace.testkit.compat.internal;
