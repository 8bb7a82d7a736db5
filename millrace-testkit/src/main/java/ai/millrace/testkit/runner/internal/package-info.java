/**
 * Internals of the scripted runners: how a reply becomes files and a raw result. Not API; may
 * change in any release.
 */
package ai.millrace.testkit.runner.internal;
