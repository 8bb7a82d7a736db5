/**
 * Internals of the testkit's fixtures. Not API; may change in any release.
 */
package ai.millrace.testkit.internal;
