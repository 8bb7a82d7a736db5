/**
 * Internals of doctor: one class per group of checks, the asset linter and its front-matter
 * parser, and the repair step. Not an API.
 */
package ai.millrace.core.internal.doctor;
