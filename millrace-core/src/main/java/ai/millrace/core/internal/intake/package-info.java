/**
 * Idea intake (spec 02 section 7.2, spec 01 section 2.4): markdown ideas dropped into
 * {@code W/ideas/inbox/} become root specs through journal steps the engine commits.
 */
package ai.millrace.core.internal.intake;
