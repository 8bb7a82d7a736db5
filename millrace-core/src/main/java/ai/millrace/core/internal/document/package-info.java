/**
 * Internals of the work document formats: label tables, the line parser, binding and rendering.
 */
package ai.millrace.core.internal.document;
