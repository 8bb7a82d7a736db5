/**
 * Internals of the fake model server: routing, reply scripting, request recording and the two
 * wire renderers. Not part of the testkit's API; may change without notice.
 */
package ai.millrace.testkit.fakemodel.internal;
